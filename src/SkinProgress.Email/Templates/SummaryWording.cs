using System.Globalization;
using System.Text;
using SkinProgress.Rules;
using SkinProgress.Summaries;

namespace SkinProgress.Email.Templates;

/// <summary>The words and number formats the HTML and the plain-text parts share, so both say the same thing.</summary>
public static class SummaryWording
{
    public const string ProductName = "SkinProgress";

    private static readonly CultureInfo Invariant = CultureInfo.InvariantCulture;

    /// <summary>"16 Nov 2026": the form the subject line uses.</summary>
    public static string Date(DateOnly date) => date.ToString("d MMM yyyy", Invariant);

    /// <summary>"16–22 Nov 2026", "30 Nov – 6 Dec 2026" or "28 Dec 2026 – 3 Jan 2027".</summary>
    public static string WeekRange(DateOnly start, DateOnly end)
    {
        if (start.Year != end.Year)
        {
            return $"{Date(start)} – {Date(end)}";
        }

        return start.Month == end.Month
            ? string.Create(Invariant, $"{start.Day}–{Date(end)}")
            : $"{start.ToString("d MMM", Invariant)} – {Date(end)}";
    }

    public static string Greeting(string? displayName) =>
        Name(displayName) is { } name ? $"Hi {name}," : "Hi,";

    /// <summary>The display name on one line (no control characters, collapsed spaces); null when there is none.</summary>
    public static string? Name(string? displayName)
    {
        if (string.IsNullOrWhiteSpace(displayName))
        {
            return null;
        }

        var builder = new StringBuilder(displayName.Length);
        foreach (var c in displayName.Trim())
        {
            var ch = char.IsControl(c) || char.IsWhiteSpace(c) ? ' ' : c;
            if (ch != ' ' || (builder.Length > 0 && builder[^1] != ' '))
            {
                builder.Append(ch);
            }
        }

        return builder.ToString();
    }

    public static string Score(SummaryScore score)
    {
        ArgumentNullException.ThrowIfNull(score);
        return string.Create(Invariant, $"{score.Total}/100");
    }

    public static string ScoreHeading(SummaryScore score)
    {
        ArgumentNullException.ThrowIfNull(score);
        return score.IsPartial ? "Your weekly score (partial)" : "Your weekly score";
    }

    /// <summary>A metric value with its unit, or "not logged".</summary>
    public static string Value(SummaryMetric metric, double? value)
    {
        ArgumentNullException.ThrowIfNull(metric);
        if (value is not { } v)
        {
            return "not logged";
        }

        var format = metric.Kind switch
        {
            MetricKind.FluidLitresPerDay or MetricKind.WeightKg => "0.0",
            _ => "0",
        };
        var unit = metric.Unit == "days" && v == 1 ? "day" : metric.Unit;
        return $"{v.ToString(format, Invariant)} {unit}";
    }

    /// <summary>The 4-week average, saying how many weeks it averages when fewer than four had data.</summary>
    public static string Baseline(SummaryMetric metric)
    {
        ArgumentNullException.ThrowIfNull(metric);
        if (metric.Baseline is null)
        {
            return "no earlier data";
        }

        var value = Value(metric, metric.Baseline);
        return metric.BaselineWeeks is > 0 and < WeeklySummaryBuilder.BaselineWeeks
            ? string.Create(Invariant, $"{value} ({metric.BaselineWeeks} wk)")
            : value;
    }

    public static string TrendMark(Trend trend) => trend switch
    {
        Trend.Up => "↑",
        Trend.Down => "↓",
        Trend.Flat => "→",
        _ => "–",
    };

    public static string TrendWord(Trend trend) => trend switch
    {
        Trend.Up => "up",
        Trend.Down => "down",
        Trend.Flat => "about the same",
        _ => "no trend yet",
    };

    /// <summary>What a recommendation of this level is about, as a heading; never a promise of an outcome.</summary>
    public static string LevelTitle(RecommendationKind level) => level switch
    {
        RecommendationKind.Urgent => "Please seek urgent care",
        RecommendationKind.PromptGp => "See a GP today",
        RecommendationKind.Referral => "Get this checked by a GP or plastic surgeon",
        RecommendationKind.PlasticSurgeonConsult => "A plastic surgeon consultation",
        RecommendationKind.Dermatologist => "A dermatologist can help",
        RecommendationKind.Informational => "About consultations",
        RecommendationKind.Dietitian => "Ask a dietitian",
        RecommendationKind.GpWellbeing => "How you feel matters",
        _ => "Recommendation",
    };

    public static string Source(SummarySource source)
    {
        ArgumentNullException.ThrowIfNull(source);
        return source.Grade == "ENG"
            ? $"{source.Citation} (our engineering default)"
            : $"{source.Citation} (evidence grade {source.Grade})";
    }

    /// <summary>"Strava stopped sharing data with SkinProgress on 3 Nov 2026": a connection whose provider refused the grant.</summary>
    public static string Stopped(StoppedConnection connection)
    {
        ArgumentNullException.ThrowIfNull(connection);
        return $"{connection.DisplayName} stopped sharing data with {ProductName} on {Date(connection.Since)}";
    }

    public const string Reconnect = "reconnect";

    public const string WhyHeading = "Why am I seeing this?";

    public const string UrgentBelow = "The rest of your weekly summary is below. It can wait; this cannot.";

    public const string ChartAlt =
        "Chart: your weigh-ins and smoothed weight trend, and this week's active minutes per day.";

    public const string MetricsHeading = "This week against your 4-week average";

    public const string HabitsHeading = "Targets missed this week";

    public const string LooseSkinHeading = "Loose skin";

    public const string ViewOnline = "View this summary online";

    public const string Unsubscribe = "Unsubscribe from weekly emails";

    public const string WhyYouGetThis = "You get this email once a week because you have a SkinProgress account.";
}
