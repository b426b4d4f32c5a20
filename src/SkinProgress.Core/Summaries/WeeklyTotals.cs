using SkinProgress.Days;
using SkinProgress.Rules;

namespace SkinProgress.Summaries;

/// <summary>Adds up the daily totals of local weeks into the <see cref="WeekActivity"/> the rules read.</summary>
public static class WeeklyTotals
{
    public const int DaysPerWeek = 7;

    /// <summary>
    /// One week from the days that fall in it (other days are ignored; missing days count as nothing logged):
    /// strength days are days with a strength session; protein and fluids are means over all 7 days, null when no
    /// meal (protein) or no drink (fluids) was logged all week; days with data are days with any event.
    /// </summary>
    public static WeekActivity Of(DateOnly weekStart, IEnumerable<DailyTotals> days)
    {
        ArgumentNullException.ThrowIfNull(days);

        var weekEnd = weekStart.AddDays(DaysPerWeek - 1);
        var week = days.Where(d => d.Date >= weekStart && d.Date <= weekEnd).ToList();
        var fluidsMl = week.Sum(d => d.FluidsMl);
        return new WeekActivity(
            weekStart,
            week.Sum(d => d.ModerateEquivalentMinutes),
            week.Count(d => d.StrengthSessions > 0),
            week.Any(d => d.MealCount > 0) ? week.Sum(d => d.ProteinGrams) / DaysPerWeek : null,
            // Daily totals keep no count of drinks, so "nothing logged" is a week whose drinks add up to nothing.
            fluidsMl > 0 ? fluidsMl / 1000 / DaysPerWeek : null,
            week.Count(d => d.EventCount > 0));
    }

    /// <summary>
    /// Every week aligned on <paramref name="weekStart"/>, from the one holding the earliest given day up to and
    /// including <paramref name="weekStart"/>'s own week, oldest first; days after that week are ignored.
    /// </summary>
    public static IReadOnlyList<WeekActivity> Weeks(DateOnly weekStart, IEnumerable<DailyTotals> days)
    {
        ArgumentNullException.ThrowIfNull(days);

        var byWeek = days
            .Where(d => d.Date <= weekStart.AddDays(DaysPerWeek - 1))
            .GroupBy(d => WeekIndex(weekStart, d.Date))
            .ToDictionary(g => g.Key, g => g.ToList());
        var oldest = byWeek.Count == 0 ? 0 : byWeek.Keys.Min();
        List<WeekActivity> weeks = [];
        for (var index = oldest; index <= 0; index++)
        {
            var start = weekStart.AddDays(index * DaysPerWeek);
            weeks.Add(byWeek.TryGetValue(index, out var inWeek) ? Of(start, inWeek) : WeekActivity.Empty(start));
        }

        return weeks;
    }

    // 0 for the week itself, -1 for the week before, …; floor division so earlier days land in earlier weeks.
    private static int WeekIndex(DateOnly weekStart, DateOnly date) =>
        (int)Math.Floor((date.DayNumber - weekStart.DayNumber) / (double)DaysPerWeek);
}
