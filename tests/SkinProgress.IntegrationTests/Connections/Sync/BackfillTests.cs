using System.Diagnostics;
using System.Globalization;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;
using SkinProgress.Data.Connections;
using SkinProgress.IntegrationTests.Connections.StandIns;
using SkinProgress.Worker.Connections;
using Xunit.Abstractions;

namespace SkinProgress.IntegrationTests.Connections.Sync;

/// <summary>Connecting a provider through the real Api, Worker, RabbitMQ and PostgreSQL, against its stand-in.</summary>
[Collection(RealServices.Name)]
public sealed class BackfillTests(SkinProgressFixture fixture, ITestOutputHelper output)
{
    [Theory]
    [InlineData("strava")]
    [InlineData("withings")]
    [InlineData("polar")]
    public async Task Connect_BackfillsTheWindowInChunks_ShowingProgress_ThenIsConnectedWithEveryEventOfTheWindow(string provider)
    {
        await using var hosts = await SyncHosts.StartAsync(fixture);
        var standIn = hosts.StandIns.Named(provider);
        // Slow enough that the progress between chunks can be seen.
        standIn.ApiDelay = TimeSpan.FromMilliseconds(400);
        hosts.StandIns.Withings.PageSize = 100;

        var user = await hosts.ConnectAsync(provider);

        var (mine, admin) = await SkinProgressFixture.EventuallyAsync(
            async () => (await hosts.MyConnectionAsync(user, provider), await hosts.AdminSyncAsync(user, provider)),
            v => DaysDone(v.Item1) > 0 && DaysDone(v.Item2) > 0);
        Assert.Equal(ConnectionStates.Backfilling, mine.GetProperty("state").GetString());
        Assert.InRange(DaysDone(mine), SyncHosts.ChunkDays, SyncHosts.BackfillDays - 1);
        Assert.Equal(SyncHosts.BackfillDays, mine.GetProperty("backfill").GetProperty("daysTotal").GetInt32());
        Assert.Equal(ConnectionStates.Backfilling, admin.GetProperty("state").GetString());
        Assert.Equal(0, DaysDone(mine) % SyncHosts.ChunkDays);

        var connected = await hosts.UntilStateAsync(user, provider, ConnectionStates.Connected);
        Assert.Equal(ConnectionStates.Connected, connected.State);
        Assert.Equal(SyncHosts.BackfillDays, connected.BackfillDaysDone);
        Assert.NotNull(connected.LastSyncAt);
        mine = await hosts.MyConnectionAsync(user, provider);
        Assert.Equal(ConnectionStates.Connected, mine.GetProperty("state").GetString());
        Assert.Equal(JsonValueKind.Null, mine.GetProperty("backfill").ValueKind);
        Assert.Equal(ConnectionStates.Connected, (await hosts.AdminSyncAsync(user, provider)).GetProperty("state").GetString());
        Assert.Equal(SyncHosts.BackfillDays / SyncHosts.ChunkDays, ListRequests(hosts, provider));

        // Everything one fetch of the whole window finds, the chunks found, and each event once.
        var expected = await hosts.FetchWindowAsync(provider, connected);
        Assert.NotEmpty(expected.Events);
        var stored = await SkinProgressFixture.EventuallyAsync(() => hosts.StoredIdsAsync(user, provider), ids => ids.Count >= expected.Events.Count);
        Assert.Equal(expected.Events.Select(e => e.Id).Order(StringComparer.Ordinal), stored.Order(StringComparer.Ordinal));

        // And the days they fall on are scored.
        var day = DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(expected.Events[0].OccurredAt, TimeZoneInfo.FindSystemTimeZoneById("Europe/London")).DateTime);
        using var me = hosts.Client(user.UserKey);
        var days = await SkinProgressFixture.EventuallyAsync(
            async () => (await me.GetFromJsonAsync<JsonElement>(Invariant($"/v1/me/days?from={day:yyyy-MM-dd}&to={day:yyyy-MM-dd}"))).GetProperty("days"),
            d => d.GetArrayLength() == 1);
        Assert.True(days[0].GetProperty("eventCount").GetInt32() >= 1);
    }

    [Fact]
    public async Task Connect_Strava_Backfills90DaysInSixChunks_AndMeasuresItsCost()
    {
        await using var hosts = await SyncHosts.StartAsync(fixture, backfillDays: 90, chunkDays: new ConnectionSyncOptions().BackfillChunkDays);
        var strava = hosts.StandIns.Strava;
        var recent = Enumerable.Range(1, 12).Select(i => RecentActivity(strava, 9_100_000_000 + i, DateTimeOffset.UtcNow.AddDays(-7 * i).AddHours(-1))).ToList();

        var clock = Stopwatch.StartNew();
        var user = await hosts.ConnectedAsync("strava");
        var stored = await SkinProgressFixture.EventuallyAsync(() => hosts.StoredIdsAsync(user, "strava"), ids => ids.Count >= recent.Count);
        clock.Stop();

        Assert.Equal(recent.Order(StringComparer.Ordinal), stored.Order(StringComparer.Ordinal));
        Assert.Equal(6, strava.Requests("/api/v3/athlete/activities"));
        output.WriteLine(Invariant($"connect → 90-day backfill: {strava.Requests("/api/v3")} API requests, {strava.Requests("/oauth")} OAuth requests, {clock.Elapsed.TotalSeconds:0.0} s"));
    }

    /// <summary>A copy of the recorded 2025 run under a new id at <paramref name="start"/>, put at the stand-in.</summary>
    public static string RecentActivity(StravaStandIn strava, long id, DateTimeOffset start)
    {
        var activity = JsonNode.Parse(ProviderData.Text("strava/summary-activity-run-2025.json"))!.AsObject();
        activity["id"] = id;
        activity["start_date"] = start.UtcDateTime.ToString("yyyy-MM-ddTHH:mm:ssZ", CultureInfo.InvariantCulture);
        activity["start_date_local"] = activity["start_date"]!.GetValue<string>();
        strava.Put(activity);
        return id.ToString(CultureInfo.InvariantCulture);
    }

    private static int DaysDone(JsonElement connection) =>
        connection.TryGetProperty("backfill", out var b) && b.ValueKind == JsonValueKind.Object ? b.GetProperty("daysDone").GetInt32() : 0;

    /// <summary>The requests that list a range: one a chunk (the recorded bodies fit one page; Withings' measures, one call).</summary>
    public static int ListRequests(SyncHosts hosts, string provider) => provider switch
    {
        "strava" => hosts.StandIns.Strava.Requests("/api/v3/athlete/activities"),
        "withings" => hosts.StandIns.Withings.Requests("/measure"),
        _ => hosts.StandIns.Polar.Requests("/v3/exercises") - hosts.StandIns.Polar.Requests("/v3/exercises/"),
    };

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
