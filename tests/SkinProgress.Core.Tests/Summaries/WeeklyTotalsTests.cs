using SkinProgress.Rules;
using SkinProgress.Summaries;
using static SkinProgress.Core.Tests.Summaries.History;

namespace SkinProgress.Core.Tests.Summaries;

public sealed class WeeklyTotalsTests
{
    [Fact]
    public void Of_AddsUpTheWeek_MeansOverSevenDays()
    {
        var history = new History()
            .Day(WeekStart, minutes: 45, strength: 2, protein: 100, meals: 2, fluidsMl: 1500)
            .Day(WeekStart.AddDays(3), strength: 1, protein: 40, meals: 1)
            .Day(WeekEnd, minutes: 15, fluidsMl: 2700)
            .Day(WeekEnd.AddDays(1), minutes: 500, strength: 1) // next week
            .Day(WeekStart.AddDays(-1), minutes: 500); // previous week

        var week = WeeklyTotals.Of(WeekStart, history.Days);

        Assert.Equal(WeekStart, week.WeekStart);
        Assert.Equal(60, week.ModerateEquivalentMinutes);
        Assert.Equal(2, week.StrengthDays); // days, not sessions
        Assert.Equal(20, week.MeanProteinGramsPerDay!.Value, 9);
        Assert.Equal(0.6, week.MeanFluidLitresPerDay!.Value, 9);
        Assert.Equal(3, week.DaysWithData);
    }

    [Fact]
    public void Of_ProteinAndFluidsAreNull_WhenNothingWasLogged()
    {
        var week = WeeklyTotals.Of(WeekStart, new History().Day(WeekStart, minutes: 30).Days);

        Assert.Null(week.MeanProteinGramsPerDay);
        Assert.Null(week.MeanFluidLitresPerDay);
        Assert.Equal(1, week.DaysWithData);
    }

    [Fact]
    public void Of_ProteinIsZero_WhenMealsWithoutProteinWereLogged()
    {
        var week = WeeklyTotals.Of(WeekStart, new History().Day(WeekStart, meals: 1).Days);

        Assert.Equal(0, week.MeanProteinGramsPerDay);
    }

    [Fact]
    public void Weeks_RunFromTheEarliestDaysWeek_ToTheSummarisedWeek_FillingGaps()
    {
        var history = new History()
            .Day(Week(3).AddDays(5), minutes: 10)
            .Day(Week(1), minutes: 20)
            .Day(WeekEnd.AddDays(3), minutes: 99);

        var weeks = WeeklyTotals.Weeks(WeekStart, history.Days);

        Assert.Equal([Week(3), Week(2), Week(1), WeekStart], weeks.Select(w => w.WeekStart));
        Assert.Equal([10.0, 0, 20, 0], weeks.Select(w => w.ModerateEquivalentMinutes));
        Assert.Equal(WeekActivity.Empty(Week(2)), weeks[1]);
    }

    [Fact]
    public void Weeks_IsJustTheEmptySummarisedWeek_WithoutDays() =>
        Assert.Equal([WeekActivity.Empty(WeekStart)], WeeklyTotals.Weeks(WeekStart, []));
}
