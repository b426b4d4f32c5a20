namespace SkinProgress.Rules;

public enum ScoreComponentKind
{
    Strength,
    Protein,
    Aerobic,
    Hydration,
    Pace,
}

/// <param name="Weight">Points the component is worth when fully met.</param>
/// <param name="Value">0–1, each component capped at 1.</param>
public sealed record ScoreComponent(ScoreComponentKind Kind, int Weight, double Value)
{
    public double Points => Weight * Value;
}

/// <summary>The transparent weighted habit score of docs/rules.md (Weekly score), 0–100.</summary>
/// <param name="IsPartial">Fewer than 4 days had data, so the summary must say the score is partial.</param>
public sealed record WeeklyScore(double Total, IReadOnlyList<ScoreComponent> Components, int DaysWithData, bool IsPartial)
{
    public const int StrengthWeight = 30;
    public const int ProteinWeight = 25;
    public const int AerobicWeight = 20;
    public const int HydrationWeight = 15;
    public const int PaceWeight = 10;

    /// <summary>Like WHOOP and Oura weekly reports, a week needs enough logged days to be judged in full.</summary>
    public const int MinimumDaysForFullScore = 4;

    internal static WeeklyScore Compute(WeekActivity week, WeeklyTargets targets)
    {
        ScoreComponent[] components =
        [
            new(ScoreComponentKind.Strength, StrengthWeight, Capped(week.StrengthDays / WeeklyTargets.StrengthTargetDays)),
            new(ScoreComponentKind.Protein, ProteinWeight, Capped((targets.Protein.GramsPerKgPerDay ?? 0) / ProteinTargetResult.TargetGramsPerKg)),
            new(ScoreComponentKind.Aerobic, AerobicWeight, Capped(week.ModerateEquivalentMinutes / WeeklyTargets.AerobicTargetMinutes)),
            new(ScoreComponentKind.Hydration, HydrationWeight, Capped((week.MeanFluidLitresPerDay ?? 0) / targets.Fluids.Target)),
            new(ScoreComponentKind.Pace, PaceWeight, PaceValue(targets.Pace)),
        ];
        return new WeeklyScore(
            components.Sum(c => c.Points),
            components,
            week.DaysWithData,
            week.DaysWithData < MinimumDaysForFullScore);
    }

    private static double Capped(double value) => Math.Clamp(value, 0, 1);

    // Full marks at or under guideline pace (or before a rate exists); falls to 0 at twice the bound.
    private static double PaceValue(PaceTargetResult pace)
    {
        var bound = pace.UpperBoundKgPerWeek;
        return pace.LossRateKgPerWeek is { } rate && rate > bound
            ? Math.Max(0, 1 - ((rate - bound) / bound))
            : 1;
    }
}
