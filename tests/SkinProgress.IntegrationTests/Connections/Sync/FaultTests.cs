using Hangfire;
using Microsoft.Extensions.DependencyInjection;
using SkinProgress.Connections.Http;
using SkinProgress.Data.Connections;
using SkinProgress.ServiceDefaults.Jobs;

namespace SkinProgress.IntegrationTests.Connections.Sync;

/// <summary>A provider that limits, fails and a Worker that dies, during a backfill: nothing lost, nothing fetched twice.</summary>
[Collection(RealServices.Name)]
public sealed class FaultTests(SkinProgressFixture fixture)
{
    private const int Chunks = SyncHosts.BackfillDays / SyncHosts.ChunkDays;

    /// <summary>Strava's published 15-minute limit for an application, the budget the Worker counts against.</summary>
    private const int StravaRequestsPer15Minutes = 200;

    [Fact]
    public async Task RateLimitsAndARunOfServerErrors_MidBackfill_LoseNothing_RefetchNoFinishedChunk_AndStayWithinTheBudget()
    {
        await using var hosts = await SyncHosts.StartAsync(fixture);
        var strava = hosts.StandIns.Strava;
        strava.ApiDelay = TimeSpan.FromMilliseconds(300);
        var user = await hosts.ConnectAsync("strava");
        await SkinProgressFixture.EventuallyAsync(() => hosts.ConnectionAsync(user, "strava"), c => c.BackfillDaysDone >= 2 * SyncHosts.ChunkDays);

        // A 429 with Retry-After, then more 5xx than the HTTP pipeline's five attempts outlast: the job fails and
        // Hangfire retries it from the chunk it was in.
        strava.Faults.TooManyRequests(1, retryAfterSeconds: 1);
        strava.Faults.ServerErrors(6);
        var connected = await hosts.UntilStateAsync(user, "strava", ConnectionStates.Connected, TimeSpan.FromMinutes(3));

        Assert.Equal(ConnectionStates.Connected, connected.State);
        var lists = BackfillTests.ListRequests(hosts, "strava");
        var requests = strava.Requests("/api/v3");
        var expected = await hosts.FetchWindowAsync("strava", connected);
        var stored = await SkinProgressFixture.EventuallyAsync(() => hosts.StoredIdsAsync(user, "strava"), ids => ids.Count >= expected.Events.Count);
        Assert.Equal(expected.Events.Select(e => e.Id).Order(StringComparer.Ordinal), stored.Order(StringComparer.Ordinal));
        // Each chunk listed once when it succeeded, plus the seven refused attempts: no finished chunk again.
        Assert.Equal(Chunks + 1 + 6, lists);
        Assert.InRange(requests, 0, StravaRequestsPer15Minutes);
    }

    [Fact]
    public async Task SpentRequestBudget_ReschedulesTheBackfillForTheBudgetsNextWindow_WithoutAnotherRequest()
    {
        // Three requests a quarter hour: spent (by this test or earlier ones in the run) within the first chunks.
        await using var hosts = await SyncHosts.StartAsync(fixture, workerSettings: new Dictionary<string, string?>
        {
            ["Providers:Strava:RequestsPer15Minutes"] = "3",
        });
        var strava = hosts.StandIns.Strava;
        var user = await hosts.ConnectAsync("strava");
        var connection = await hosts.ConnectionAsync(user, "strava");
        var monitoring = fixture.WorkerServices.GetRequiredService<JobStorage>().GetMonitoringApi();

        var scheduled = await SkinProgressFixture.EventuallyAsync(
            () => Task.FromResult(monitoring.ScheduledJobs(0, 1000).Where(j => j.Value.Job?.Args[0] is Guid id && id == connection.Id).ToList()),
            jobs => jobs.Count > 0);
        var requests = strava.Requests("/api/v3");
        await Task.Delay(TimeSpan.FromSeconds(2));

        var job = Assert.Single(scheduled).Value;
        Assert.Equal(typeof(IBackfillConnection), job.Job.Type);
        // At the end of Strava's quarter hour (windows aligned to the epoch), not at a retry's back-off.
        var windowEnd = new RateWindow("15min", TimeSpan.FromMinutes(15), 3).StartOf(DateTimeOffset.UtcNow).AddMinutes(15).UtcDateTime;
        Assert.InRange(job.EnqueueAt, windowEnd.AddSeconds(-1), windowEnd.AddSeconds(1));
        Assert.InRange(requests, 0, 3);
        Assert.Equal(requests, strava.Requests("/api/v3"));
        var waiting = await hosts.ConnectionAsync(user, "strava");
        Assert.Equal(ConnectionStates.Backfilling, waiting.State);
        Assert.Equal(requests * SyncHosts.ChunkDays, waiting.BackfillDaysDone);
    }

    [Fact]
    public async Task Backfill_ResumesAfterTheWorkerIsKilled_FetchingAtMostTheChunkItWasIn()
    {
        // This test's Workers are processes of their own, so one can be killed.
        await using var hosts = await SyncHosts.StartAsync(fixture, inProcessWorker: false);
        var strava = hosts.StandIns.Strava;
        strava.ApiDelay = TimeSpan.FromMilliseconds(800);
        var settings = new Dictionary<string, string?>(fixture.Settings, StringComparer.Ordinal);
        foreach (var (key, value) in SyncHosts.WorkerSettings(hosts.StandIns))
        {
            settings[key] = value;
        }

        using (var first = WorkerProcess.Start(settings))
        {
            var user = await hosts.ConnectAsync("strava");
            var midway = await SkinProgressFixture.EventuallyAsync(
                () => hosts.ConnectionAsync(user, "strava"), c => c.BackfillDaysDone >= 3 * SyncHosts.ChunkDays, TimeSpan.FromMinutes(2));
            Assert.InRange(midway.BackfillDaysDone, 3 * SyncHosts.ChunkDays, SyncHosts.BackfillDays - 1);
            first.Kill();

            using var second = WorkerProcess.Start(settings);
            var connected = await hosts.UntilStateAsync(user, "strava", ConnectionStates.Connected, TimeSpan.FromMinutes(2));

            Assert.Equal(ConnectionStates.Connected, connected.State);
            var lists = BackfillTests.ListRequests(hosts, "strava");
            var expected = await hosts.FetchWindowAsync("strava", connected);
            var stored = await SkinProgressFixture.EventuallyAsync(() => hosts.StoredIdsAsync(user, "strava"), ids => ids.Count >= expected.Events.Count);
            Assert.Equal(expected.Events.Select(e => e.Id).Order(StringComparer.Ordinal), stored.Order(StringComparer.Ordinal));
            // The chunk in flight when the Worker died is the only one listed twice.
            Assert.InRange(lists, Chunks, Chunks + 1);
        }
    }
}
