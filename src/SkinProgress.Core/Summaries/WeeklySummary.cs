using System.Text.Json;
using System.Text.Json.Serialization;
using SkinProgress.Rules;

namespace SkinProgress.Summaries;

/// <summary>
/// What a user is told about one local week; stored as JSON (System.Text.Json web defaults) and rendered to email.
/// Render order (also the JSON property order): <see cref="UrgentNotice"/> when set, then everything else; when
/// <see cref="SuppressedBelowUrgent"/> is true everything else is secondary and must be shown below the urgent
/// content (or left out). Enums are written as snake_case strings.
/// </summary>
/// <param name="WeekEnd">Last local date of the week (week start + 6).</param>
/// <param name="UrgentNotice">The urgent-care recommendation, shown before anything else; null when not urgent.</param>
/// <param name="SuppressedBelowUrgent">True when <paramref name="UrgentNotice"/> is set: all other content is secondary.</param>
/// <param name="DaysWithData">Days of the week with any event logged.</param>
/// <param name="HasData">False when nothing was logged all week: the summary is then short (headline,
/// recommendations, the not-medical-advice line) and has no score, metrics, habit cards or loose-skin tier.</param>
/// <param name="Headline">One line: how many days had data, or that no data was logged this week.</param>
/// <param name="Score">The weekly score; null when the week has no data.</param>
/// <param name="Metrics">This week against the average of the previous four weeks, one entry per <see cref="MetricKind"/>.</param>
/// <param name="HabitCards">One card per weekly target missed (T1–T5), in target order.</param>
/// <param name="RecommendationLevel">The highest consultation level that fired (<see cref="RecommendationKind.None"/> for habit cards only).</param>
/// <param name="Recommendations">The primary recommendation first, then the add-ons; never the urgent one (see <paramref name="UrgentNotice"/>).</param>
/// <param name="LooseSkin">Null without data this week or when the start or current weight is unknown.</param>
/// <param name="MergedDuplicates">One line when workouts or weigh-ins reported by several sources were counted once
/// this week, shown after the headline; null when nothing was.</param>
public sealed record WeeklySummary(
    DateOnly WeekStart,
    DateOnly WeekEnd,
    SummaryRecommendation? UrgentNotice,
    bool SuppressedBelowUrgent,
    int DaysWithData,
    bool HasData,
    string Headline,
    SummaryScore? Score,
    IReadOnlyList<SummaryMetric> Metrics,
    IReadOnlyList<HabitCard> HabitCards,
    [property: JsonConverter(typeof(SnakeCaseEnumConverter<RecommendationKind>))] RecommendationKind RecommendationLevel,
    IReadOnlyList<SummaryRecommendation> Recommendations,
    SummaryLooseSkin? LooseSkin,
    SummaryLine NotMedicalAdvice,
    string? MergedDuplicates = null)
{
    /// <summary>The options the summary is stored with: System.Text.Json web defaults.</summary>
    public static JsonSerializerOptions JsonOptions { get; } = new(JsonSerializerDefaults.Web);
}

/// <summary>A user-facing sentence with the sources behind it (empty for product statements).</summary>
public sealed record SummaryLine(string Text, IReadOnlyList<SummarySource> Sources)
{
    public static SummaryLine From(CopyLine line)
    {
        ArgumentNullException.ThrowIfNull(line);
        return new(line.Text, SummarySource.From(line.Sources));
    }
}

/// <summary>A citation and its grade (docs/rules.md, Evidence grades): A, B, C, D or ENG (our engineering default, no source).</summary>
public sealed record SummarySource(string Citation, string Grade)
{
    public static IReadOnlyList<SummarySource> From(IEnumerable<RuleSource> sources) =>
        [.. sources.Distinct().Select(s => new SummarySource(s.Citation, s.Grade == Rules.Grade.Eng ? "ENG" : s.Grade.ToString()))];
}

/// <param name="Total">0–100, rounded to a whole number.</param>
/// <param name="IsPartial">Fewer than 4 days had data.</param>
/// <param name="Note">Says the score is partial and why; null when it is not.</param>
public sealed record SummaryScore(
    int Total,
    bool IsPartial,
    int DaysWithData,
    string? Note,
    IReadOnlyList<SummaryScoreComponent> Components);

/// <param name="Points">Points earned, rounded to one decimal.</param>
/// <param name="Weight">Points the component is worth when fully met.</param>
public sealed record SummaryScoreComponent(
    [property: JsonConverter(typeof(SnakeCaseEnumConverter<ScoreComponentKind>))] ScoreComponentKind Kind,
    double Points,
    int Weight);

[JsonConverter(typeof(SnakeCaseEnumConverter<MetricKind>))]
public enum MetricKind
{
    /// <summary>Moderate-equivalent aerobic minutes in the week.</summary>
    AerobicMinutes,

    /// <summary>Days with a strength session.</summary>
    StrengthDays,

    /// <summary>Mean protein grams per day over the 7 days.</summary>
    ProteinGramsPerDay,

    /// <summary>Mean litres of drinks per day over the 7 days.</summary>
    FluidLitresPerDay,

    /// <summary>Smoothed weight (mean of the trailing 28 days) at the week's end.</summary>
    WeightKg,
}

[JsonConverter(typeof(SnakeCaseEnumConverter<Trend>))]
public enum Trend
{
    /// <summary>No value this week or no baseline.</summary>
    None,
    Up,
    Down,

    /// <summary>Within ±5 % of the baseline (ENG).</summary>
    Flat,
}

/// <param name="ThisWeek">Null when nothing was logged for it this week (no meals, no drinks, no recent weight).</param>
/// <param name="Baseline">Average of the previous four weeks that have a value; null when none has (a first week).</param>
/// <param name="BaselineWeeks">How many of the previous four weeks the baseline averages.</param>
public sealed record SummaryMetric(
    MetricKind Kind,
    string Label,
    string Unit,
    double? ThisWeek,
    double? Baseline,
    int BaselineWeeks,
    Trend Trend);

/// <summary>A weekly target that was missed.</summary>
/// <param name="TargetId">T1–T5 of docs/rules.md (Weekly targets).</param>
/// <param name="Measured">This week's value, in <paramref name="Unit"/>.</param>
/// <param name="Target">The threshold the value had to reach (T5: the upper bound it went over).</param>
/// <param name="MeasuredText">What was measured against the target, as a sentence.</param>
/// <param name="Advice">One realistic sentence with its sources; never a promise of tightening.</param>
/// <param name="TargetSources">The sources of the target itself.</param>
public sealed record HabitCard(
    string TargetId,
    string Title,
    double Measured,
    double Target,
    string Unit,
    string MeasuredText,
    SummaryLine Advice,
    IReadOnlyList<SummarySource> TargetSources);

/// <summary>A fired consultation rule: its level, why (inputs with values), its sources and what it says.</summary>
public sealed record SummaryRecommendation(
    [property: JsonConverter(typeof(SnakeCaseEnumConverter<RecommendationKind>))] RecommendationKind Level,
    bool IsAddOn,
    IReadOnlyList<SummaryReason> Reasons,
    IReadOnlyList<SummarySource> Sources,
    IReadOnlyList<string> Messages)
{
    public static SummaryRecommendation From(Recommendation recommendation, bool isAddOn)
    {
        ArgumentNullException.ThrowIfNull(recommendation);
        return new(
            recommendation.Kind,
            isAddOn,
            [.. recommendation.Reasons.Select(r => new SummaryReason(r.Input, r.Value))],
            SummarySource.From(recommendation.Sources),
            recommendation.Messages);
    }
}

public sealed record SummaryReason(string Input, string Value);

/// <param name="Messages">The tier as a sentence first, then the assessment's own lines (e.g. after bariatric surgery).</param>
public sealed record SummaryLooseSkin(
    [property: JsonConverter(typeof(SnakeCaseEnumConverter<LooseSkinTier>))] LooseSkinTier Tier,
    bool RaisedForAge,
    IReadOnlyList<SummarySource> Sources,
    IReadOnlyList<SummaryLine> Messages);

/// <summary>Writes and reads enum values as snake_case strings ("plastic_surgeon_consult", "very_high", "up").</summary>
public sealed class SnakeCaseEnumConverter<TEnum> : JsonStringEnumConverter<TEnum>
    where TEnum : struct, Enum
{
    public SnakeCaseEnumConverter()
        : base(JsonNamingPolicy.SnakeCaseLower, allowIntegerValues: false)
    {
    }
}
