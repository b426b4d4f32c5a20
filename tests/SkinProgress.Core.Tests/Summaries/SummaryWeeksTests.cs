using System.Globalization;
using SkinProgress.Summaries;

namespace SkinProgress.Core.Tests.Summaries;

/// <summary>
/// Weeks start on Monday and summaries fall due at local 08:00 on the Monday after the week unless stated.
/// Each due moment is tested one second before ("the week before last") and exactly at it ("last week").
/// </summary>
public sealed class SummaryWeeksTests
{
    public static TheoryData<string, string, string, string> DueMoments => new()
    {
        // zone, instant of local Monday 08:00, last week's start, the week before's start
        { "Europe/London", "2026-03-09T08:00:00Z", "2026-03-02", "2026-02-23" }, // GMT
        { "Europe/London", "2026-03-30T07:00:00Z", "2026-03-23", "2026-03-16" }, // BST since Sunday 2026-03-29
        { "Europe/London", "2026-10-26T08:00:00Z", "2026-10-19", "2026-10-12" }, // GMT again since Sunday 2026-10-25
        { "America/Los_Angeles", "2026-03-02T16:00:00Z", "2026-02-23", "2026-02-16" }, // PST
        { "America/Los_Angeles", "2026-03-09T15:00:00Z", "2026-03-02", "2026-02-23" }, // PDT since Sunday 2026-03-08
        { "Pacific/Auckland", "2026-03-01T19:00:00Z", "2026-02-23", "2026-02-16" }, // NZDT, +13
        { "Pacific/Auckland", "2026-04-05T20:00:00Z", "2026-03-30", "2026-03-23" }, // NZST since Sunday 2026-04-05
        { "Pacific/Auckland", "2026-09-27T19:00:00Z", "2026-09-21", "2026-09-14" }, // NZDT since Sunday 2026-09-27
    };

    [Theory]
    [MemberData(nameof(DueMoments))]
    public void LastCompletedWeek_IsTheWeekBeforeLast_UntilLocalMonday0800(string zoneId, string dueUtc, string lastWeek, string weekBefore)
    {
        var due = DateTimeOffset.Parse(dueUtc, CultureInfo.InvariantCulture);

        Assert.Equal(Date(lastWeek), Date(weekBefore).AddDays(7));
        Assert.Equal(Date(weekBefore), SummaryWeeks.LastCompletedWeek(due.AddSeconds(-1), Zone(zoneId), DayOfWeek.Monday, 8));
    }

    [Theory]
    [MemberData(nameof(DueMoments))]
    public void LastCompletedWeek_IsLastWeek_FromLocalMonday0800(string zoneId, string dueUtc, string lastWeek, string weekBefore)
    {
        Assert.Equal(Date(lastWeek).AddDays(-7), Date(weekBefore));
        var due = DateTimeOffset.Parse(dueUtc, CultureInfo.InvariantCulture);
        var zone = Zone(zoneId);

        Assert.Equal(Date(lastWeek), SummaryWeeks.LastCompletedWeek(due, zone, DayOfWeek.Monday, 8));
        Assert.Equal(Date(lastWeek), SummaryWeeks.LastCompletedWeek(due.AddDays(6).AddHours(15), zone, DayOfWeek.Monday, 8));
        Assert.Equal(due, SummaryWeeks.DueAt(Date(lastWeek), zone, 8));
    }

    [Fact]
    public void LastCompletedWeek_RespectsTheWeekStartDayAndSummaryHour()
    {
        var zone = Zone("America/Los_Angeles");

        // Week from Sunday, summary at 18:00: due Sunday 2026-06-14 18:00 PDT = 2026-06-15T01:00Z.
        Assert.Equal(new DateOnly(2026, 5, 31), SummaryWeeks.LastCompletedWeek(Utc("2026-06-15T00:59:59Z"), zone, DayOfWeek.Sunday, 18));
        Assert.Equal(new DateOnly(2026, 6, 7), SummaryWeeks.LastCompletedWeek(Utc("2026-06-15T01:00:00Z"), zone, DayOfWeek.Sunday, 18));
    }

    [Fact]
    public void DueAt_InASpringForwardGap_IsTheFirstValidLocalTimeAfterIt()
    {
        // London skips 01:00–02:00 on Sunday 2026-03-29; a Sunday week with summary hour 1 falls due at 02:00 BST.
        var zone = Zone("Europe/London");

        Assert.Equal(Utc("2026-03-29T01:00:00Z"), SummaryWeeks.DueAt(new DateOnly(2026, 3, 22), zone, 1));
        Assert.Equal(new DateOnly(2026, 3, 15), SummaryWeeks.LastCompletedWeek(Utc("2026-03-29T00:59:59Z"), zone, DayOfWeek.Sunday, 1));
        Assert.Equal(new DateOnly(2026, 3, 22), SummaryWeeks.LastCompletedWeek(Utc("2026-03-29T01:00:00Z"), zone, DayOfWeek.Sunday, 1));
    }

    [Fact]
    public void DueAt_InAFallBackOverlap_IsTheFirstOccurrence()
    {
        // London repeats 01:00–02:00 on Sunday 2026-10-25; 01:00 first happens in BST, at 00:00Z.
        Assert.Equal(Utc("2026-10-25T00:00:00Z"), SummaryWeeks.DueAt(new DateOnly(2026, 10, 18), Zone("Europe/London"), 1));
    }

    [Fact]
    public void DueAt_RejectsAnHourOutsideTheDay()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => SummaryWeeks.DueAt(new DateOnly(2026, 3, 2), TimeZoneInfo.Utc, 24));
        Assert.Throws<ArgumentOutOfRangeException>(() => SummaryWeeks.DueAt(new DateOnly(2026, 3, 2), TimeZoneInfo.Utc, -1));
    }

    [Theory]
    [InlineData("2026-03-02", DayOfWeek.Monday, "2026-03-02")] // a Monday
    [InlineData("2026-03-08", DayOfWeek.Monday, "2026-03-02")] // the Sunday after it
    [InlineData("2026-03-08", DayOfWeek.Sunday, "2026-03-08")]
    [InlineData("2026-03-07", DayOfWeek.Sunday, "2026-03-01")]
    [InlineData("2026-03-04", DayOfWeek.Saturday, "2026-02-28")]
    public void WeekStartOf_IsTheLatestWeekStartDayOnOrBeforeTheDate(string date, DayOfWeek weekStart, string expected) =>
        Assert.Equal(Date(expected), SummaryWeeks.WeekStartOf(Date(date), weekStart));

    private static DateOnly Date(string text) => DateOnly.Parse(text, CultureInfo.InvariantCulture);

    private static DateTimeOffset Utc(string text) => DateTimeOffset.Parse(text, CultureInfo.InvariantCulture);

    private static TimeZoneInfo Zone(string id) => TimeZoneInfo.FindSystemTimeZoneById(id);
}
