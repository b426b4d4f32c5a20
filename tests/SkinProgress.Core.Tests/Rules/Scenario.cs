using SkinProgress.Rules;

namespace SkinProgress.Core.Tests.Rules;

/// <summary>
/// Builds a <see cref="RulesInput"/> for the evaluated week 2026-11-16 (Mon) – 2026-11-22 (Sun).
/// Default person: 200 cm (so ref_wt = 100 kg and BMI = kg / 4), female, born 1980, nothing logged.
/// </summary>
internal sealed class Scenario
{
    public static readonly DateOnly WeekStart = new(2026, 11, 16);
    public static readonly DateOnly WeekEnd = WeekStart.AddDays(6);

    private readonly List<WeekActivity> weeks = [];
    private readonly List<WeighIn> weighIns = [];
    private readonly List<SkinCheckEntry> checks = [];
    private RulesProfile profile = new(HeightCm: 200, BirthYear: 1980, Sex: Sex.Female);

    public Scenario Profile(Func<RulesProfile, RulesProfile> change)
    {
        profile = change(profile);
        return this;
    }

    public Scenario Start(double kg) => Profile(p => p with { StartWeightKg = kg });

    public Scenario Week(DateOnly weekStart, double minutes = 0, int strengthDays = 0, double? protein = null, double? fluids = null, int daysWithData = 7)
    {
        weeks.Add(new WeekActivity(weekStart, minutes, strengthDays, protein, fluids, daysWithData));
        return this;
    }

    public Scenario ThisWeek(double minutes = 0, int strengthDays = 0, double? protein = null, double? fluids = null, int daysWithData = 7) =>
        Week(WeekStart, minutes, strengthDays, protein, fluids, daysWithData);

    public Scenario Weight(DateOnly date, double kg)
    {
        weighIns.Add(new WeighIn(date, kg));
        return this;
    }

    /// <summary>One weigh-in on the week's end: the smoothed weight is exactly this, and it is stable for 0 weeks.</summary>
    public Scenario Current(double kg) => Weight(WeekEnd, kg);

    /// <summary>The same weight every day for the <paramref name="days"/> days before the week's end and on it.</summary>
    public Scenario DailyWeight(double kg, int days, int endingDaysBeforeWeekEnd = 0)
    {
        for (var d = endingDaysBeforeWeekEnd; d <= days; d++)
        {
            Weight(WeekEnd.AddDays(-d), kg);
        }

        return this;
    }

    public Scenario Symptom(DateOnly date, string symptom)
    {
        checks.Add(new SkinCheckEntry(date, new Dictionary<string, int>(), [symptom]));
        return this;
    }

    public Scenario Regions(DateOnly date, params (string Region, int Rating)[] ratings)
    {
        checks.Add(new SkinCheckEntry(date, ratings.ToDictionary(r => r.Region, r => r.Rating), []));
        return this;
    }

    public RulesResult Evaluate() => RulesEngine.Evaluate(new RulesInput(profile, WeekStart, weeks, weighIns, checks));
}
