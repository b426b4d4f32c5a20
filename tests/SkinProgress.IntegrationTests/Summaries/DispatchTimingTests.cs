using Hangfire;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Time.Testing;
using SkinProgress.Data;
using SkinProgress.Worker.Summaries;

namespace SkinProgress.IntegrationTests.Summaries;

/// <summary>
/// The dispatch job with a fake clock, against the real database and Hangfire: each user's summary is compiled
/// in the dispatch after their local Monday 08:00 and not before, including on the Monday after a DST change.
/// </summary>
[Collection(RealServices.Name)]
public sealed class DispatchTimingTests(SkinProgressFixture fixture)
{
    public static TheoryData<string, string, string, string> Zones => new()
    {
        // zone, the instant of local Monday 08:00 after a DST change, the week due before it, the week due from it
        { "Europe/London", "2026-03-30T07:00:00Z", "2026-03-16", "2026-03-23" },        // BST began 2026-03-29
        { "America/Los_Angeles", "2026-03-09T15:00:00Z", "2026-02-23", "2026-03-02" },  // PDT began 2026-03-08
        { "Pacific/Auckland", "2026-04-05T20:00:00Z", "2026-03-23", "2026-03-30" },     // NZST began 2026-04-05
        { "Europe/London", "2026-11-16T08:00:00Z", "2026-11-02", "2026-11-09" },         // an ordinary week, GMT
    };

    [Theory]
    [MemberData(nameof(Zones))]
    public async Task Summary_IsCompiledInTheDispatchAfterLocalMonday0800_AndNotBefore(string zone, string mondayEight, string weekBefore, string weekAfter)
    {
        var user = await fixture.CreateUserAsync(timeZone: zone);
        var due = DateTimeOffset.Parse(mondayEight, System.Globalization.CultureInfo.InvariantCulture);
        var clock = new FakeTimeProvider(due.AddSeconds(-1));

        await DispatchAsync(user, clock);
        await fixture.WaitForSummaryAsync(user, DateOnly.Parse(weekBefore, System.Globalization.CultureInfo.InvariantCulture));
        Assert.False(await fixture.SummaryStoredAsync(user, DateOnly.Parse(weekAfter, System.Globalization.CultureInfo.InvariantCulture)));

        clock.Advance(TimeSpan.FromSeconds(1));
        await DispatchAsync(user, clock);
        await fixture.WaitForSummaryAsync(user, DateOnly.Parse(weekAfter, System.Globalization.CultureInfo.InvariantCulture));
    }

    [Fact]
    public async Task UserMissedWhileServersWereDown_IsCompiledByTheNextDispatch()
    {
        var user = await fixture.CreateUserAsync(timeZone: "Europe/London");
        // Due at Monday 08:00; the first dispatch to run is on Wednesday.
        var clock = new FakeTimeProvider(new DateTimeOffset(2026, 11, 18, 14, 15, 0, TimeSpan.Zero));
        await DispatchAsync(user, clock);
        await fixture.WaitForSummaryAsync(user, new DateOnly(2026, 11, 9));
    }

    private async Task DispatchAsync(TestUser user, TimeProvider clock)
    {
        await using var scope = fixture.WorkerServices.CreateAsyncScope();
        var services = scope.ServiceProvider;
        var dispatch = new DispatchSummariesJob(
            services.GetRequiredService<SkinProgressDbContext>(),
            services.GetRequiredService<IBackgroundJobClient>(),
            clock,
            services.GetRequiredService<ILogger<DispatchSummariesJob>>());
        await dispatch.DispatchAsync(user.Id, week: null, CancellationToken.None);
    }
}
