using SkinProgress.Days;
using SkinProgress.Rules;
using SkinProgress.Summaries;

namespace SkinProgress.Core.Tests.Summaries;

/// <summary>
/// A user's daily totals and skin checks for the summarised week 2026-11-16 (Mon) – 2026-11-22 (Sun).
/// Default person: 200 cm (ref_wt = 100 kg), female (fluids target 1.6 L/day), born 1980.
/// </summary>
internal sealed class History
{
    public static readonly DateOnly WeekStart = new(2026, 11, 16);
    public static readonly DateOnly WeekEnd = WeekStart.AddDays(6);

    private readonly SortedDictionary<DateOnly, DailyTotals> days = [];
    private readonly List<SkinCheckEntry> checks = [];

    public RulesProfile Profile { get; private set; } = new(HeightCm: 200, BirthYear: 1980, Sex: Sex.Female);

    public IReadOnlyList<DailyTotals> Days => [.. days.Values];

    /// <summary>The start of the week <paramref name="weeksBefore"/> weeks before the summarised one.</summary>
    public static DateOnly Week(int weeksBefore) => WeekStart.AddDays(-7 * weeksBefore);

    public History WithProfile(Func<RulesProfile, RulesProfile> change)
    {
        Profile = change(Profile);
        return this;
    }

    /// <summary>Adds to a day; the event count grows by one per thing logged.</summary>
    public History Day(
        DateOnly date,
        double minutes = 0,
        int strength = 0,
        double protein = 0,
        int meals = 0,
        double fluidsMl = 0,
        double? weight = null)
    {
        var d = days.GetValueOrDefault(date) ?? new DailyTotals(date, new Dictionary<string, double>(), 0, 0, 0, 0, 0, 0, null, 0, 0, 0);
        var events = (minutes > 0 ? 1 : 0) + strength + meals + (fluidsMl > 0 ? 1 : 0) + (weight is null ? 0 : 1);
        days[date] = d with
        {
            ModerateEquivalentMinutes = d.ModerateEquivalentMinutes + minutes,
            StrengthSessions = d.StrengthSessions + strength,
            ProteinGrams = d.ProteinGrams + protein,
            MealCount = d.MealCount + meals,
            FluidsMl = d.FluidsMl + fluidsMl,
            LastWeightKg = weight ?? d.LastWeightKg,
            EventCount = d.EventCount + events,
        };
        return this;
    }

    /// <summary>A day with one logged event and nothing that counts towards a target (e.g. a yoga session).</summary>
    public History Logged(DateOnly date)
    {
        var d = days.GetValueOrDefault(date) ?? new DailyTotals(date, new Dictionary<string, double>(), 0, 0, 0, 0, 0, 0, null, 0, 0, 0);
        days[date] = d with { EventCount = d.EventCount + 1 };
        return this;
    }

    /// <summary>The same weight logged every day from <paramref name="from"/> to <paramref name="to"/>.</summary>
    public History DailyWeight(DateOnly from, DateOnly to, double kg)
    {
        for (var date = from; date <= to; date = date.AddDays(1))
        {
            Day(date, weight: kg);
        }

        return this;
    }

    /// <summary>
    /// A week that meets T1, T2 and T4 for the default person (protein only with a weight to judge it on):
    /// 30 min on each day, strength on two days, 2 L of drinks a day.
    /// </summary>
    public History GoodWeek(DateOnly weekStart, double fluidsMlPerDay = 2000)
    {
        for (var i = 0; i < 7; i++)
        {
            Day(weekStart.AddDays(i), minutes: 30, strength: i is 1 or 4 ? 1 : 0, fluidsMl: fluidsMlPerDay);
        }

        return this;
    }

    public History SkinCheck(DateOnly date, params string[] symptoms)
    {
        checks.Add(new SkinCheckEntry(date, new Dictionary<string, int>(), symptoms));
        return this;
    }

    public History Regions(DateOnly date, params (string Region, int Rating)[] ratings)
    {
        checks.Add(new SkinCheckEntry(date, ratings.ToDictionary(r => r.Region, r => r.Rating), []));
        return this;
    }

    public SummaryInput Input() => new(Profile, WeekStart, Days, checks);

    public WeeklySummary Build() => WeeklySummaryBuilder.Build(Input());
}
