using SkinProgress.Days;
using SkinProgress.Email.Charts;
using SkinProgress.Events;
using SkinProgress.Rules;
using SkinProgress.Summaries;

namespace SkinProgress.Email.Tests;

/// <summary>
/// Real weekly summaries, built by <see cref="WeeklySummaryBuilder"/> from daily totals, for the week
/// 2026-11-16 (Mon) – 2026-11-22 (Sun), with the chart data the same days give.
/// </summary>
internal sealed class SampleWeeks
{
    public static readonly DateOnly WeekStart = new(2026, 11, 16);
    public static readonly DateOnly WeekEnd = WeekStart.AddDays(6);

    private readonly SortedDictionary<DateOnly, DailyTotals> days = [];
    private readonly List<SkinCheckEntry> checks = [];
    private RulesProfile profile = new(HeightCm: 170, BirthYear: 1980, Sex: Sex.Female, StartWeightKg: 112);

    public static DateOnly Week(int weeksBefore) => WeekStart.AddDays(-7 * weeksBefore);

    /// <summary>Six weeks of steady habits and loss, then a week that misses aerobic, strength and protein.</summary>
    public static SampleWeeks Ordinary()
    {
        var sample = new SampleWeeks();
        for (var week = 6; week >= 1; week--)
        {
            sample.Habits(Week(week), minutesPerDay: 35, strengthDays: 2, proteinPerDay: 110, firstWeight: 100 - (0.6 * (6 - week)));
        }

        // This week: 3 × 40 min, 1 strength day, 70 g protein a day, weigh-ins on 3 days.
        for (var i = 0; i < 7; i++)
        {
            var date = WeekStart.AddDays(i);
            sample.Day(date, minutes: i is 0 or 2 or 5 ? 40 : 0, strength: i == 2 ? 1 : 0, protein: 70, meals: 3, fluidsMl: 1800,
                weight: i is 0 or 3 or 6 ? 96.2 - (0.1 * i) : null);
        }

        return sample;
    }

    /// <summary>A first week: nothing logged before it.</summary>
    public static SampleWeeks FirstWeek()
    {
        var sample = new SampleWeeks();
        for (var i = 0; i < 7; i++)
        {
            sample.Day(WeekStart.AddDays(i), minutes: i % 2 == 0 ? 30 : 0, protein: 80, meals: 2, fluidsMl: 1500, weight: i == 0 ? 101.5 : null);
        }

        return sample;
    }

    /// <summary>Only two days logged this week after a normal history: a partial score.</summary>
    public static SampleWeeks Partial()
    {
        var sample = new SampleWeeks();
        for (var week = 4; week >= 1; week--)
        {
            sample.Habits(Week(week), minutesPerDay: 30, strengthDays: 2, proteinPerDay: 100, firstWeight: 99 - (0.5 * (4 - week)));
        }

        sample.Day(WeekStart, minutes: 45, protein: 90, meals: 3, fluidsMl: 2000, weight: 97);
        sample.Day(WeekStart.AddDays(1), minutes: 20, fluidsMl: 1500);
        return sample;
    }

    /// <summary>A red-flag skin check (fever with a skin infection) in a massive-weight-loss user's week.</summary>
    public static SampleWeeks Urgent()
    {
        var sample = new SampleWeeks { profile = new RulesProfile(HeightCm: 170, BirthYear: 1980, Sex: Sex.Female, StartWeightKg: 150) };
        for (var date = Week(16); date <= WeekEnd; date = date.AddDays(1))
        {
            sample.Day(date, weight: 95);
        }

        sample.Day(WeekStart.AddDays(3), minutes: 20);
        sample.checks.Add(new SkinCheckEntry(WeekStart.AddDays(2), new Dictionary<string, int>(), [Symptoms.SkinInfection]));
        sample.checks.Add(new SkinCheckEntry(WeekStart.AddDays(3), new Dictionary<string, int>(), [Symptoms.Fever, Symptoms.SkinInfection]));
        return sample;
    }

    /// <summary>Nothing logged this week (history before it): the short summary.</summary>
    public static SampleWeeks NoData()
    {
        var sample = new SampleWeeks();
        sample.Habits(Week(1), minutesPerDay: 30, strengthDays: 2, proteinPerDay: 100, firstWeight: 99);
        return sample;
    }

    public WeeklySummary Summary() => WeeklySummaryBuilder.Build(new SummaryInput(profile, WeekStart, [.. days.Values], checks));

    /// <summary>Weigh-ins, their trailing 28-day mean at each weigh-in, and this week's minutes per day.</summary>
    public SummaryChartData Chart()
    {
        ChartPoint[] weighIns = [.. days.Values.Where(d => d.LastWeightKg is not null).Select(d => new ChartPoint(d.Date, d.LastWeightKg!.Value))];
        ChartPoint[] smoothed = [.. weighIns.Select(w => new ChartPoint(
            w.Date,
            weighIns.Where(o => o.Date > w.Date.AddDays(-28) && o.Date <= w.Date).Average(o => o.Value)))];
        ChartPoint[] minutes = [.. Enumerable.Range(0, 7).Select(i => WeekStart.AddDays(i))
            .Select(d => new ChartPoint(d, days.TryGetValue(d, out var t) ? t.ModerateEquivalentMinutes : 0))];
        return new SummaryChartData(weighIns, smoothed, minutes);
    }

    private void Habits(DateOnly weekStart, double minutesPerDay, int strengthDays, double proteinPerDay, double firstWeight)
    {
        for (var i = 0; i < 7; i++)
        {
            Day(weekStart.AddDays(i), minutes: minutesPerDay, strength: i < strengthDays * 3 && i % 3 == 1 ? 1 : 0, protein: proteinPerDay,
                meals: 3, fluidsMl: 2000, weight: i % 2 == 0 ? firstWeight - (0.08 * i) : null);
        }
    }

    private void Day(DateOnly date, double minutes = 0, int strength = 0, double protein = 0, int meals = 0, double fluidsMl = 0, double? weight = null)
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
    }
}
