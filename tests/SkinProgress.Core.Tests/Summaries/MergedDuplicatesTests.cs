using SkinProgress.Sources;
using SkinProgress.Summaries;
using static SkinProgress.Core.Tests.Summaries.History;

namespace SkinProgress.Core.Tests.Summaries;

/// <summary>The summary's one line about reports counted once: said when it happened that week, and only then.</summary>
public sealed class MergedDuplicatesTests
{
    [Fact]
    public void DuplicatesMergedThisWeek_AreSaidInOneLine_CountingTheThingsAndTheirSources()
    {
        var input = new History().GoodWeek(WeekStart).Input() with
        {
            Merges = new Dictionary<DateOnly, MergeTally>
            {
                [WeekStart] = new(2, 0, ["polar", "strava"]),
                [WeekEnd] = new(1, 0, ["apple_health", "polar"]),
                [WeekStart.AddDays(-1)] = new(5, 0, ["garmin", "strava"]),
            },
        };

        Assert.Equal("3 workouts reported by 3 sources were counted once.", WeeklySummaryBuilder.Build(input).MergedDuplicates);
    }

    [Fact]
    public void AWeekThatMergedNothing_HasNoLine_EvenWhenOtherWeeksDid()
    {
        var input = new History().GoodWeek(WeekStart).Input() with
        {
            Merges = new Dictionary<DateOnly, MergeTally>
            {
                [WeekStart] = MergeTally.None,
                [WeekStart.AddDays(-1)] = new(1, 0, ["polar", "strava"]),
                [WeekEnd.AddDays(1)] = new(1, 0, ["polar", "strava"]),
            },
        };

        Assert.Null(WeeklySummaryBuilder.Build(input).MergedDuplicates);
        Assert.Null(new History().GoodWeek(WeekStart).Build().MergedDuplicates);
    }

    [Theory]
    [InlineData(1, 0, 2, "1 workout reported by 2 sources was counted once.")]
    [InlineData(0, 2, 2, "2 weigh-ins reported by 2 sources were counted once.")]
    [InlineData(3, 1, 3, "3 workouts and 1 weigh-in reported by 3 sources were counted once.")]
    public void TheLine_SaysWhatWasCountedOnce(int workouts, int weighIns, int sources, string line) =>
        Assert.Equal(line, SummaryCopy.MergedDuplicates(workouts, weighIns, sources));
}
