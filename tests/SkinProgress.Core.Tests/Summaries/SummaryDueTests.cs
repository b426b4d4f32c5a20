using SkinProgress.Summaries;
using static SkinProgress.Core.Tests.Summaries.History;

namespace SkinProgress.Core.Tests.Summaries;

public sealed class SummaryDueTests
{
    private static readonly DateOnly FirstDayOfWindow = WeekEnd.AddDays(-27);

    [Fact]
    public void ShouldEmail_IsFalse_AfterFourEmptyWeeks()
    {
        var history = new History().GoodWeek(Week(4)).GoodWeek(Week(8));

        Assert.False(SummaryDue.ShouldEmail(WeekStart, history.Days));
    }

    [Fact]
    public void ShouldEmail_IsFalse_WithNoDaysAtAll() => Assert.False(SummaryDue.ShouldEmail(WeekStart, []));

    [Fact]
    public void ShouldEmail_IsTrue_WhenOneDayOfTheFourWeeksHadData()
    {
        Assert.Equal(Week(3), FirstDayOfWindow);
        Assert.True(SummaryDue.ShouldEmail(WeekStart, new History().Logged(FirstDayOfWindow).Days));
        Assert.True(SummaryDue.ShouldEmail(WeekStart, new History().Logged(WeekEnd).Days));
    }

    [Fact]
    public void ShouldEmail_IsFalse_WhenTheOnlyDataIsTheDayBeforeTheFourWeeks() =>
        Assert.False(SummaryDue.ShouldEmail(WeekStart, new History().Logged(FirstDayOfWindow.AddDays(-1)).Days));

    [Fact]
    public void ShouldEmail_IgnoresDaysAfterTheWeek() =>
        Assert.False(SummaryDue.ShouldEmail(WeekStart, new History().Logged(WeekEnd.AddDays(1)).Days));

    [Fact]
    public void ShouldEmail_IgnoresDayRowsWithNoEvents()
    {
        var days = new History().Logged(WeekStart).Days.Select(d => d with { EventCount = 0 }).ToList();

        Assert.False(SummaryDue.ShouldEmail(WeekStart, days));
    }

    [Fact]
    public void NoDataWeek_WithDataEarlierInTheFourWeeks_IsStillEmailed_AsTheShortSummary()
    {
        var history = new History().Day(Week(2), minutes: 30);

        Assert.True(SummaryDue.ShouldEmail(WeekStart, history.Days));
        Assert.False(history.Build().HasData);
    }
}
