using System.Globalization;
using SkinProgress.Rules;
using static SkinProgress.Rules.RuleSources;

namespace SkinProgress.Summaries;

/// <summary>
/// The sentences a summary adds to <see cref="RulesCopy"/>: framing lines and the protein card, for which RulesCopy
/// has no line. Same policy: informational, never a promise of tightening.
/// </summary>
public static class SummaryCopy
{
    public const string NoDataThisWeek = "No data was logged this week.";

    // The muscle half rests on the T3 sources; the skin half is the stance of docs/rules.md.
    public static readonly CopyLine ProteinKeepsMuscle = new(
        "Eating enough protein while you lose weight helps you keep muscle; it does not tighten skin by itself.",
        [Hudson2020, IssnJager2017]);

    public static string DaysWithData(int days) => days == 1
        ? "You logged data on 1 of 7 days this week."
        : string.Create(CultureInfo.InvariantCulture, $"You logged data on {days} of 7 days this week.");

    /// <summary>"3 workouts reported by 2 sources were counted once.": only said when it happened.</summary>
    public static string MergedDuplicates(int workouts, int weighIns, int sources)
    {
        string Things(int n, string one) => string.Create(CultureInfo.InvariantCulture, $"{n} {one}{(n == 1 ? "" : "s")}");
        var things = (workouts, weighIns) switch
        {
            (> 0, > 0) => $"{Things(workouts, "workout")} and {Things(weighIns, "weigh-in")}",
            (> 0, _) => Things(workouts, "workout"),
            _ => Things(weighIns, "weigh-in"),
        };
        var were = workouts + weighIns == 1 ? "was" : "were";
        return string.Create(CultureInfo.InvariantCulture, $"{things} reported by {sources} sources {were} counted once.");
    }

    public static string PartialScore(int days) => string.Create(
        CultureInfo.InvariantCulture,
        $"Only {days} of 7 days had data, so this score is partial: it needs at least {WeeklyScore.MinimumDaysForFullScore} days to be complete.");

    /// <summary>The tier of the loose-skin assessment as a sentence, with its sources.</summary>
    public static SummaryLine LooseSkinTier(LooseSkinAssessment assessment)
    {
        ArgumentNullException.ThrowIfNull(assessment);
        var tier = assessment.Tier switch
        {
            Rules.LooseSkinTier.Low => "low",
            Rules.LooseSkinTier.Moderate => "moderate",
            Rules.LooseSkinTier.High => "high",
            _ => "very high",
        };
        var age = assessment.RaisedForAge ? ", one step higher for your age" : string.Empty;
        return new SummaryLine(
            $"Based on how much weight you have lost, the likelihood of loose skin is {tier}{age}.",
            SummarySource.From(assessment.Sources));
    }
}
