namespace SkinProgress.Rules;

/// <summary>Everything the rules say about one week; every summary also shows <see cref="RulesCopy.NotMedicalAdvice"/>.</summary>
/// <param name="LooseSkin">Null when the start or current weight is unknown.</param>
public sealed record RulesResult(
    DerivedValues Derived,
    WeeklyTargets Targets,
    WeeklyScore Score,
    LooseSkinAssessment? LooseSkin,
    ConsultationResult Consultation);

/// <summary>Applies docs/rules.md to one evaluated week. Pure: the same input always gives the same result.</summary>
public static class RulesEngine
{
    public static RulesResult Evaluate(RulesInput input)
    {
        ArgumentNullException.ThrowIfNull(input);

        var weekEnd = input.WeekEnd;
        var history = new WeightHistory(input.WeighIns);
        var derived = DerivedValues.Compute(input.Profile, history, weekEnd);
        var week = input.Weeks.FirstOrDefault(w => w.WeekStart == input.WeekStart) ?? WeekActivity.Empty(input.WeekStart);
        var targets = WeeklyTargets.Evaluate(week, derived, input.Profile);
        var looseSkin = LooseSkinAssessment.Assess(derived);
        var context = new RuleContext(
            input.Profile,
            weekEnd,
            derived,
            looseSkin,
            input.SkinChecks,
            WeeksProteinBelowTarget(input, history));

        return new RulesResult(
            derived,
            targets,
            WeeklyScore.Compute(week, targets),
            looseSkin,
            ConsultationResult.Evaluate(context));
    }

    // Each past week is judged as T3 judged it then: on that week's smoothed weight and surgery status.
    // A week without meals or without a recent weight says nothing about protein, so it does not count.
    private static int WeeksProteinBelowTarget(RulesInput input, WeightHistory history)
    {
        var oldestStart = input.WeekStart.AddDays(-7 * (RuleContext.ProteinHistoryWeeks - 1));
        return input.Weeks
            .Where(w => w.WeekStart >= oldestStart && w.WeekStart <= input.WeekStart)
            .DistinctBy(w => w.WeekStart)
            .Select(w =>
            {
                var end = w.WeekStart.AddDays(6);
                return ProteinTargetResult.Assess(
                    w.MeanProteinGramsPerDay,
                    history.SmoothedAt(end),
                    input.Profile.HeightCm,
                    input.Profile.BariatricSurgeryDate <= end);
            })
            .Count(p => p.Shortfall != ProteinShortfall.None);
    }
}
