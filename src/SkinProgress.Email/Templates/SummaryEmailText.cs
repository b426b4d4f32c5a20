using SkinProgress.Summaries;

namespace SkinProgress.Email.Templates;

/// <summary>The plain-text part: the same content as the HTML in the same order, with the links written out.</summary>
public static class SummaryEmailText
{
    public static string Render(WeeklySummary summary, SummaryEmailLinks links, string? displayName, ReconnectNotice? reconnect = null)
    {
        ArgumentNullException.ThrowIfNull(summary);
        ArgumentNullException.ThrowIfNull(links);

        var w = new PlainTextWriter();
        w.Title($"{SummaryWording.ProductName}: your week, {SummaryWording.WeekRange(summary.WeekStart, summary.WeekEnd)}");

        if (summary.UrgentNotice is { } urgent)
        {
            w.Heading($"!! {SummaryWording.LevelTitle(urgent.Level).ToUpperInvariant()} !!");
            Recommendation(w, urgent);
            w.Paragraph(SummaryWording.UrgentBelow);
        }

        w.Paragraph(SummaryWording.Greeting(displayName));
        w.Paragraph(summary.Headline);
        if (summary.MergedDuplicates is { } merged)
        {
            w.Paragraph(merged);
        }

        if (reconnect is { Connections.Count: > 0 })
        {
            foreach (var connection in reconnect.Connections)
            {
                w.Bullet($"{SummaryWording.Stopped(connection)} — {SummaryWording.Reconnect}: {reconnect.Url}");
            }

            w.EndList();
        }

        foreach (var recommendation in summary.Recommendations)
        {
            w.Heading(SummaryWording.LevelTitle(recommendation.Level));
            Recommendation(w, recommendation);
        }

        if (summary.Score is { } score)
        {
            w.Heading($"{SummaryWording.ScoreHeading(score)}: {SummaryWording.Score(score)}");
            if (score.Note is { } note)
            {
                w.Paragraph(note);
            }
        }

        if (summary.Metrics.Count > 0)
        {
            w.Heading(SummaryWording.MetricsHeading);
            foreach (var metric in summary.Metrics)
            {
                w.Bullet($"{metric.Label}: {SummaryWording.Value(metric, metric.ThisWeek)} "
                    + $"(4-week average {SummaryWording.Baseline(metric)}) "
                    + $"{SummaryWording.TrendMark(metric.Trend)} {SummaryWording.TrendWord(metric.Trend)}");
            }

            w.EndList();
        }

        if (summary.HabitCards.Count > 0)
        {
            w.Heading(SummaryWording.HabitsHeading);
            foreach (var card in summary.HabitCards)
            {
                w.Bullet(card.Title.ToUpperInvariant());
                w.Bullet(card.MeasuredText, 1);
                w.Bullet(card.Advice.Text, 1);
                Sources(w, [.. card.TargetSources.Concat(card.Advice.Sources).Distinct()], 1);
            }

            w.EndList();
        }

        if (summary.LooseSkin is { } looseSkin)
        {
            w.Heading(SummaryWording.LooseSkinHeading);
            foreach (var line in looseSkin.Messages)
            {
                w.Paragraph(line.Text);
            }

            Sources(w, looseSkin.Sources, 0);
            w.EndList();
        }

        w.Paragraph(summary.NotMedicalAdvice.Text);

        w.Line("----");
        w.Line($"{SummaryWording.ViewOnline}:");
        w.Line(links.SummaryUrl);
        w.Blank();
        w.Paragraph(SummaryWording.WhyYouGetThis);
        w.Line($"{SummaryWording.Unsubscribe}:");
        w.Line(links.UnsubscribeUrl);
        return w.ToString();
    }

    private static void Recommendation(PlainTextWriter w, SummaryRecommendation recommendation)
    {
        foreach (var message in recommendation.Messages)
        {
            w.Paragraph(message);
        }

        w.Line(SummaryWording.WhyHeading);
        foreach (var reason in recommendation.Reasons)
        {
            w.Bullet($"{reason.Input}: {reason.Value}");
        }

        Sources(w, recommendation.Sources, 0);
        w.EndList();
    }

    private static void Sources(PlainTextWriter w, IReadOnlyList<SummarySource> sources, int level)
    {
        if (sources.Count == 0)
        {
            return;
        }

        w.Bullet("Sources:", level);
        foreach (var source in sources)
        {
            w.Bullet(SummaryWording.Source(source), level + 1);
        }
    }
}
