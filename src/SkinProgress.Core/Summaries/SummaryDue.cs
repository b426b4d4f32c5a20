using SkinProgress.Days;

namespace SkinProgress.Summaries;

/// <summary>Whether a compiled summary is worth an email.</summary>
public static class SummaryDue
{
    /// <summary>The window that must hold some data: the summarised week and the three before it.</summary>
    public const int ActivityWindowDays = 28;

    /// <summary>
    /// False for a user with nothing logged in the 28 days ending on the week's last day (the week and the three
    /// before it): they get no email. One day with any event in that window is enough.
    /// </summary>
    /// <param name="weekStart">First local date of the summarised week.</param>
    public static bool ShouldEmail(DateOnly weekStart, IEnumerable<DailyTotals> days)
    {
        ArgumentNullException.ThrowIfNull(days);

        var weekEnd = weekStart.AddDays(WeeklyTotals.DaysPerWeek - 1);
        var from = weekEnd.AddDays(1 - ActivityWindowDays);
        return days.Any(d => d.EventCount > 0 && d.Date >= from && d.Date <= weekEnd);
    }
}
