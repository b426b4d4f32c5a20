namespace SkinProgress.Summaries;

/// <summary>
/// Local weeks in the user's time zone and the moment each week's summary falls due: the local summary hour on
/// the day after the week ends (the next week's first day).
/// </summary>
public static class SummaryWeeks
{
    /// <summary>The first date of the local week holding <paramref name="date"/>.</summary>
    public static DateOnly WeekStartOf(DateOnly date, DayOfWeek weekStart) =>
        date.AddDays(-(((int)date.DayOfWeek - (int)weekStart + 7) % 7));

    /// <summary>
    /// The instant the summary of the week starting <paramref name="weekStart"/> falls due: local
    /// <paramref name="summaryHour"/>:00 on the day after the week ends. A local time skipped by a spring-forward
    /// change falls due at the first valid local time after it; a local time that occurs twice (fall back) at
    /// its first occurrence.
    /// </summary>
    public static DateTimeOffset DueAt(DateOnly weekStart, TimeZoneInfo zone, int summaryHour)
    {
        ArgumentNullException.ThrowIfNull(zone);
        ArgumentOutOfRangeException.ThrowIfNegative(summaryHour);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(summaryHour, 23);

        var local = weekStart.AddDays(7).ToDateTime(new TimeOnly(summaryHour, 0));

        // Gaps are whole minutes in every IANA zone in use; a day bounds the walk (Samoa skipped one in 2011).
        for (var minutes = 0; zone.IsInvalidTime(local) && minutes < 24 * 60; minutes++)
        {
            local = local.AddMinutes(1);
        }

        var offset = zone.IsAmbiguousTime(local) ? zone.GetAmbiguousTimeOffsets(local).Max() : zone.GetUtcOffset(local);
        return new DateTimeOffset(local, offset);
    }

    /// <summary>
    /// The start of the most recent local week that has ended and whose summary is due at <paramref name="now"/>
    /// (see <see cref="DueAt"/>); before that moment, the week before it.
    /// </summary>
    /// <returns>Null only when that week would start before <see cref="DateOnly.MinValue"/>.</returns>
    public static DateOnly? LastCompletedWeek(DateTimeOffset now, TimeZoneInfo zone, DayOfWeek weekStart, int summaryHour)
    {
        ArgumentNullException.ThrowIfNull(zone);

        var today = DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(now, zone).DateTime);
        var thisWeek = WeekStartOf(today, weekStart);
        if (thisWeek.DayNumber < 14)
        {
            return null;
        }

        var lastWeek = thisWeek.AddDays(-7);
        return now >= DueAt(lastWeek, zone, summaryHour) ? lastWeek : lastWeek.AddDays(-7);
    }
}
