using System.Globalization;
using SkinProgress.Days;
using SkinProgress.Rules;
using SkinProgress.Sources;

namespace SkinProgress.Summaries;

/// <summary>Builds the weekly summary from a user's daily totals and skin checks. Pure: no I/O, no clock.</summary>
public static class WeeklySummaryBuilder
{
    /// <summary>Weeks before this one whose average is the baseline of each metric.</summary>
    public const int BaselineWeeks = 4;

    public static WeeklySummary Build(SummaryInput input)
    {
        ArgumentNullException.ThrowIfNull(input);
        ArgumentNullException.ThrowIfNull(input.Profile);
        ArgumentNullException.ThrowIfNull(input.Days);
        ArgumentNullException.ThrowIfNull(input.SkinChecks);

        var weekStart = input.WeekStart;
        var weekEnd = input.WeekEnd;
        var days = input.Days.Where(d => d.Date <= weekEnd).OrderBy(d => d.Date).ToList();
        if (days.Count != days.Select(d => d.Date).Distinct().Count())
        {
            throw new ArgumentException("The daily totals hold more than one entry for a date.", nameof(input));
        }

        var weeks = WeeklyTotals.Weeks(weekStart, days);
        var thisWeek = weeks[^1];
        WeighIn[] weighIns = [.. days.Where(d => d.LastWeightKg is not null).Select(d => new WeighIn(d.Date, d.LastWeightKg!.Value))];
        var result = RulesEngine.Evaluate(new RulesInput(input.Profile, weekStart, weeks, weighIns, input.SkinChecks));

        var consultation = result.Consultation;
        var urgent = consultation.SuppressOtherContent && consultation.Primary is { } primary
            ? SummaryRecommendation.From(primary, isAddOn: false)
            : null;
        List<SummaryRecommendation> recommendations = [];
        if (urgent is null && consultation.Primary is { } first)
        {
            recommendations.Add(SummaryRecommendation.From(first, isAddOn: false));
        }

        recommendations.AddRange(consultation.AddOns.Select(a => SummaryRecommendation.From(a, isAddOn: true)));

        var hasData = thisWeek.DaysWithData > 0;
        return new WeeklySummary(
            weekStart,
            weekEnd,
            urgent,
            urgent is not null,
            thisWeek.DaysWithData,
            hasData,
            hasData ? SummaryCopy.DaysWithData(thisWeek.DaysWithData) : SummaryCopy.NoDataThisWeek,
            hasData ? Score(result.Score) : null,
            hasData ? Metrics(weeks, new WeightHistory(weighIns), weekEnd) : [],
            hasData ? HabitCards(result.Targets, input.Profile) : [],
            consultation.Level,
            recommendations,
            hasData ? LooseSkin(result.LooseSkin) : null,
            SummaryLine.From(RulesCopy.NotMedicalAdvice),
            MergedDuplicates(input));
    }

    private static string? MergedDuplicates(SummaryInput input)
    {
        var week = (input.Merges ?? new Dictionary<DateOnly, MergeTally>())
            .Where(d => d.Key >= input.WeekStart && d.Key <= input.WeekEnd && d.Value.Any).Select(d => d.Value).ToList();
        return week.Count == 0
            ? null
            : SummaryCopy.MergedDuplicates(week.Sum(t => t.Workouts), week.Sum(t => t.WeighIns), week.SelectMany(t => t.Sources).Distinct().Count());
    }

    private static SummaryScore Score(WeeklyScore score) => new(
        (int)Math.Round(score.Total, MidpointRounding.AwayFromZero),
        score.IsPartial,
        score.DaysWithData,
        score.IsPartial ? SummaryCopy.PartialScore(score.DaysWithData) : null,
        [.. score.Components.Select(c => new SummaryScoreComponent(c.Kind, Math.Round(c.Points, 1), c.Weight))]);

    private static SummaryLooseSkin? LooseSkin(LooseSkinAssessment? assessment) => assessment is null
        ? null
        : new SummaryLooseSkin(
            assessment.Tier,
            assessment.RaisedForAge,
            SummarySource.From(assessment.Sources.Concat(assessment.Messages.SelectMany(m => m.Sources))),
            [SummaryCopy.LooseSkinTier(assessment), .. assessment.Messages.Select(SummaryLine.From)]);

    private static List<SummaryMetric> Metrics(IReadOnlyList<WeekActivity> weeks, WeightHistory weights, DateOnly weekEnd)
    {
        var thisWeek = weeks[^1];

        // A previous week with nothing logged says nothing about the habit, so it does not pull the average to zero.
        var previous = weeks.Take(weeks.Count - 1).TakeLast(BaselineWeeks).Where(w => w.DaysWithData > 0).ToList();
        double?[] previousWeights = [.. Enumerable.Range(1, BaselineWeeks).Select(k => weights.SmoothedAt(weekEnd.AddDays(-7 * k)))];

        return
        [
            Metric(MetricKind.AerobicMinutes, "Aerobic activity (moderate-equivalent)", "min", thisWeek.ModerateEquivalentMinutes, previous.Select(w => (double?)w.ModerateEquivalentMinutes)),
            Metric(MetricKind.StrengthDays, "Strength days", "days", thisWeek.StrengthDays, previous.Select(w => (double?)w.StrengthDays)),
            Metric(MetricKind.ProteinGramsPerDay, "Protein", "g/day", thisWeek.MeanProteinGramsPerDay, previous.Select(w => w.MeanProteinGramsPerDay)),
            Metric(MetricKind.FluidLitresPerDay, "Fluids from drinks", "L/day", thisWeek.MeanFluidLitresPerDay, previous.Select(w => w.MeanFluidLitresPerDay)),
            Metric(MetricKind.WeightKg, "Weight (28-day average)", "kg", weights.SmoothedAt(weekEnd), previousWeights),
        ];
    }

    private static SummaryMetric Metric(MetricKind kind, string label, string unit, double? thisWeek, IEnumerable<double?> previous)
    {
        var values = previous.OfType<double>().ToList();
        double? baseline = values.Count == 0 ? null : values.Average();
        return new SummaryMetric(kind, label, unit, thisWeek, baseline, values.Count, Trends.Of(thisWeek, baseline, kind == MetricKind.WeightKg ? Trends.WeightFlatFraction : Trends.FlatFraction));
    }

    // Each card cites the target's sources that apply to this person (the ENG reference-weight basis only when used,
    // the bariatric floor only after surgery, the 1.8 L default only when sex is unspecified).
    // Cards only for targets judged and missed: a target without data (no meal, drink or recent weight) is
    // not a missed habit. T5 only when faster than guideline pace outside bariatric care (see README decisions).
    private static List<HabitCard> HabitCards(WeeklyTargets targets, RulesProfile profile)
    {
        List<HabitCard> cards = [];
        if (targets.Aerobic is { Status: TargetStatus.Missed, Measured: { } minutes } aerobic)
        {
            cards.Add(new HabitCard(
                aerobic.Rule.Id,
                "Aerobic activity",
                minutes,
                aerobic.Target,
                "min/week",
                Text($"{minutes:0} of {aerobic.Target:0} moderate-equivalent minutes this week (target 150–300 minutes a week; vigorous minutes count double)."),
                SummaryLine.From(RulesCopy.RunningDoesNotTightenSkin),
                SummarySource.From(aerobic.Rule.Sources)));
        }

        if (targets.Strength is { Status: TargetStatus.Missed, Measured: { } days } strength)
        {
            cards.Add(new HabitCard(
                strength.Rule.Id,
                "Strength training",
                days,
                strength.Target,
                "days/week",
                Text($"{days:0} of {strength.Target:0} strength days this week (target 2–3 days a week)."),
                SummaryLine.From(RulesCopy.StrengthPreservesLeanMass),
                SummarySource.From(strength.Rule.Sources)));
        }

        if (targets.Protein is { Status: TargetStatus.Missed, GramsPerKgPerDay: { } perKg, GramsPerDay: { } grams, BasisWeightKg: { } basis } protein)
        {
            var basisText = protein.BasisIsReferenceWeight ? $"{basis:0} kg, your weight at BMI 25" : $"{basis:0} kg";
            var floor = protein.BariatricFloorGramsPerDay;
            var belowFloorOnly = perKg >= ProteinTargetResult.TargetGramsPerKg && grams < floor;
            var floorText = floor is { } f ? Text($" After bariatric surgery the floor is {f:0} g a day.") : string.Empty;
            cards.Add(new HabitCard(
                protein.Rule.Id,
                "Protein",
                belowFloorOnly ? grams : perKg,
                belowFloorOnly ? floor!.Value : ProteinTargetResult.TargetGramsPerKg,
                belowFloorOnly ? "g/day" : "g/kg/day",
                Text($"{perKg:0.0} g of protein per kg a day this week ({grams:0} g a day on {basisText}); target 1.2–1.6 g/kg a day.") + floorText,
                SummaryLine.From(SummaryCopy.ProteinKeepsMuscle),
                SummarySource.From(protein.Rule.Sources.Where(s =>
                    (s != RuleSources.ProteinOnReferenceWeight || protein.BasisIsReferenceWeight)
                    && (s != RuleSources.FariaBariatric2020 || floor is not null)))));
        }

        if (targets.Fluids is { Status: TargetStatus.Missed, Measured: { } litres } fluids)
        {
            cards.Add(new HabitCard(
                fluids.Rule.Id,
                "Fluids",
                litres,
                fluids.Target,
                "L/day",
                Text($"{litres:0.0} of {fluids.Target:0.0} litres of drinks a day this week."),
                SummaryLine.From(RulesCopy.FluidsForGeneralHealth),
                SummarySource.From(fluids.Rule.Sources.Where(s => s != RuleSources.FluidsWhenSexUnspecified || profile.Sex == Sex.Unspecified))));
        }

        if (targets.Pace is { FasterThanGuideline: true, Advice: { } advice, LossRateKgPerWeek: { } rate } pace)
        {
            cards.Add(new HabitCard(
                pace.Rule.Id,
                "Pace of weight loss",
                rate,
                pace.UpperBoundKgPerWeek,
                "kg/week",
                Text($"Losing {rate:0.0} kg a week over the last 4 weeks; guideline pace is {pace.LowerBoundKgPerWeek:0.0}–{pace.UpperBoundKgPerWeek:0.0} kg a week."),
                SummaryLine.From(advice),
                SummarySource.From(pace.Rule.Sources)));
        }

        return cards;
    }

    private static string Text(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
