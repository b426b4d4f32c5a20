using SkinProgress.Connections.Http;

namespace SkinProgress.Connections.Tests.Http;

public class InMemoryRateBudgetTests
{
    private static readonly RateWindow Short = new("15min", TimeSpan.FromMinutes(15), 2);
    private static readonly RateWindow Day = new("day", TimeSpan.FromDays(1), 3);
    private static readonly DateTimeOffset At = new(2026, 12, 1, 10, 7, 0, TimeSpan.Zero);

    [Fact]
    public async Task SpentWindow_RefusesUntilItsEnd()
    {
        var budget = new InMemoryRateBudget();

        Assert.Null(await budget.TryTakeAsync("strava", [Short, Day], At, default));
        Assert.Null(await budget.TryTakeAsync("strava", [Short, Day], At, default));

        Assert.Equal(new DateTimeOffset(2026, 12, 1, 10, 15, 0, TimeSpan.Zero), await budget.TryTakeAsync("strava", [Short, Day], At, default));
    }

    [Fact]
    public async Task RefusedRequest_CountsInNoWindow()
    {
        var budget = new InMemoryRateBudget();
        await budget.TryTakeAsync("strava", [Short, Day], At, default);
        await budget.TryTakeAsync("strava", [Short, Day], At, default);
        await budget.TryTakeAsync("strava", [Short, Day], At, default);

        // The next quarter hour: the day has had two requests, not three, so one is left.
        var next = At.AddMinutes(15);
        Assert.Null(await budget.TryTakeAsync("strava", [Short, Day], next, default));
        Assert.Equal(new DateTimeOffset(2026, 12, 2, 0, 0, 0, TimeSpan.Zero), await budget.TryTakeAsync("strava", [Short, Day], next, default));
    }

    [Fact]
    public async Task ObservedUsage_RaisesTheCount()
    {
        var budget = new InMemoryRateBudget();

        await budget.ObserveAsync("strava", Short, 2, At, default);

        Assert.NotNull(await budget.TryTakeAsync("strava", [Short], At, default));
        Assert.Null(await budget.TryTakeAsync("polar", [Short], At, default));
    }
}
