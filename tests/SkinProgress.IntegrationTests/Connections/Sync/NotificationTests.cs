using Microsoft.EntityFrameworkCore;
using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;
using SkinProgress.Data.Connections;
using SkinProgress.IntegrationTests.Connections.StandIns;

namespace SkinProgress.IntegrationTests.Connections.Sync;

/// <summary>Webhooks through the real Api to the Worker, which fetches what they name from the stand-in.</summary>
[Collection(RealServices.Name)]
public sealed class NotificationTests(SkinProgressFixture fixture)
{
    private static readonly TimeZoneInfo London = TimeZoneInfo.FindSystemTimeZoneById("Europe/London");

    [Fact]
    public async Task StravaActivity_IsFetchedAndCountedOnce_ForTheSameNotificationThrice_ThenEditedAndDeleted()
    {
        await using var hosts = await SyncHosts.StartAsync(fixture, backfillDays: 30);
        var strava = hosts.StandIns.Strava;
        var user = await hosts.ConnectAsync("strava");
        var connected = await hosts.UntilStateAsync(user, "strava", ConnectionStates.Connected);
        var start = DateTimeOffset.UtcNow.AddDays(-2);
        var id = BackfillTests.RecentActivity(strava, 9_200_000_001, start);
        var day = DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(start, London).DateTime);
        using var me = hosts.Client(user.UserKey);

        for (var i = 0; i < 3; i++)
        {
            Assert.Equal(HttpStatusCode.OK, await hosts.StravaEventAsync("create", id));
        }

        await SkinProgressFixture.EventuallyAsync(() => Task.FromResult(strava.Requests($"/api/v3/activities/{id}")), n => n == 3);
        var counted = await SkinProgressFixture.EventuallyAsync(() => DayAsync(me, day), d => d?.GetProperty("eventCount").GetInt32() == 1);
        Assert.Equal(1, counted?.GetProperty("eventCount").GetInt32());
        Assert.Equal([id], await hosts.StoredIdsAsync(user, "strava"));
        Assert.True((await hosts.ConnectionAsync(user, "strava")).LastSyncAt > connected.LastSyncAt);

        var edited = JsonNode.Parse(ProviderData.Text("strava/summary-activity-run-2025.json"))!.AsObject();
        edited["id"] = long.Parse(id, CultureInfo.InvariantCulture);
        edited["start_date"] = start.UtcDateTime.ToString("yyyy-MM-ddTHH:mm:ssZ", CultureInfo.InvariantCulture);
        edited["moving_time"] = 3600;
        strava.Put(edited);
        Assert.Equal(HttpStatusCode.OK, await hosts.StravaEventAsync("update", id));
        var replaced = await SkinProgressFixture.EventuallyAsync(() => DayAsync(me, day), d => d is { } v && Minutes(v) == 60);
        Assert.Equal(60, Minutes(replaced!.Value), 3);
        Assert.Equal(1, replaced.Value.GetProperty("eventCount").GetInt32());

        strava.Delete(id);
        Assert.Equal(HttpStatusCode.OK, await hosts.StravaEventAsync("delete", id));
        var removed = await SkinProgressFixture.EventuallyAsync(() => DayAsync(me, day), d => d is null || d.Value.GetProperty("eventCount").GetInt32() == 0);
        Assert.True(removed is null || removed.Value.GetProperty("eventCount").GetInt32() == 0);
        Assert.Empty(await hosts.StoredIdsAsync(user, "strava"));
    }

    [Fact]
    public async Task WithingsNotification_FetchesTheCategoryInItsRange()
    {
        // The recorded workouts are from April 2026, outside a 30-day backfill: only the notification brings them.
        await using var hosts = await SyncHosts.StartAsync(fixture, backfillDays: 30);
        var withings = hosts.StandIns.Withings;
        var user = await hosts.ConnectedAsync("withings");
        Assert.Empty(await hosts.StoredIdsAsync(user, "withings"));
        Assert.Equal([("subscribe", "1", ProviderStandIns.WithingsWebhookUrl), ("subscribe", "16", ProviderStandIns.WithingsWebhookUrl)], withings.Subscriptions);

        var status = await hosts.PostWebhookAsync("withings", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["userid"] = withings.OwnerId,
            ["appli"] = "16",
            ["startdate"] = new DateTimeOffset(2026, 4, 1, 0, 0, 0, TimeSpan.Zero).ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture),
            ["enddate"] = new DateTimeOffset(2026, 4, 6, 0, 0, 0, TimeSpan.Zero).ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture),
        }));

        Assert.Equal(HttpStatusCode.OK, status);
        var stored = await SkinProgressFixture.EventuallyAsync(() => hosts.StoredIdsAsync(user, "withings"), ids => ids.Count > 0);
        Assert.NotEmpty(stored);
        Assert.All(stored, id => Assert.StartsWith("workout:", id, StringComparison.Ordinal));
    }

    [Fact]
    public async Task PolarWebhook_WithAWrongSignature_Is401AndFetchesNothing_WhileASignedOneIsFetched()
    {
        await using var hosts = await SyncHosts.StartAsync(fixture, backfillDays: 30);
        var polar = hosts.StandIns.Polar;
        var user = await hosts.ConnectedAsync("polar");

        Assert.Equal(HttpStatusCode.Unauthorized, await hosts.PolarEventAsync(polar.ExerciseEvent(), secret: "not-the-secret"));
        await Task.Delay(TimeSpan.FromSeconds(2));
        Assert.Equal(0, polar.Requests("/v3/exercises/"));

        Assert.Equal(HttpStatusCode.OK, await hosts.PolarEventAsync(polar.ExerciseEvent()));
        var stored = await SkinProgressFixture.EventuallyAsync(() => hosts.StoredIdsAsync(user, "polar"), ids => ids.Count > 0);
        Assert.NotEmpty(stored);
        Assert.Equal(1, polar.Requests($"/v3/exercises/{PolarStandIn.ExerciseId}/fit"));
    }

    [Fact]
    public async Task StravaSubscriptionCheck_WithAWrongVerifyToken_Is403AndFetchesNothing()
    {
        await using var hosts = await SyncHosts.StartAsync(fixture, backfillDays: 30);
        var user = await hosts.ConnectedAsync("strava");
        var before = hosts.StandIns.Strava.Requests("/api/v3");

        using var client = hosts.Api.CreateClient();
        using var wrong = await client.GetAsync("/v1/webhooks/strava?hub.mode=subscribe&hub.challenge=c1&hub.verify_token=wrong");
        using var right = await client.GetAsync($"/v1/webhooks/strava?hub.mode=subscribe&hub.challenge=c1&hub.verify_token={ProviderStandIns.StravaVerifyToken}");

        Assert.Equal(HttpStatusCode.Forbidden, wrong.StatusCode);
        Assert.Equal(HttpStatusCode.OK, right.StatusCode);
        await Task.Delay(TimeSpan.FromSeconds(1));
        Assert.Equal(before, hosts.StandIns.Strava.Requests("/api/v3"));
    }

    [Fact]
    public async Task StravaDeauthorization_RemovesTheConnectionAndItsEvents()
    {
        await using var hosts = await SyncHosts.StartAsync(fixture);
        var user = await hosts.ConnectedAsync("strava");
        Assert.NotEmpty(await SkinProgressFixture.EventuallyAsync(() => hosts.StoredIdsAsync(user, "strava"), ids => ids.Count > 0));

        var status = await hosts.StravaDeauthorizationAsync();

        Assert.Equal(HttpStatusCode.OK, status);
        var removed = await SkinProgressFixture.EventuallyAsync(() => hosts.ConnectionAsync(user, "strava"), c => c.RemovedAt is not null);
        Assert.NotNull(removed.RemovedAt);
        Assert.Null(removed.ProtectedAccessToken);
        Assert.Empty(await SkinProgressFixture.EventuallyAsync(() => hosts.StoredIdsAsync(user, "strava"), ids => ids.Count == 0));
        Assert.Equal(ConnectionStates.NotConnected, (await hosts.MyConnectionAsync(user, "strava")).GetProperty("state").GetString());
    }

    [Fact]
    public async Task StravaDeauthorization_OfAConnectionNeedingReauthorization_StillRemovesItAndItsEvents()
    {
        await using var hosts = await SyncHosts.StartAsync(fixture);
        var strava = hosts.StandIns.Strava;
        var user = await hosts.ConnectedAsync("strava");
        Assert.NotEmpty(await SkinProgressFixture.EventuallyAsync(() => hosts.StoredIdsAsync(user, "strava"), ids => ids.Count > 0));
        // Withdrawn at Strava: the next call was refused before the deauthorisation event arrived.
        await fixture.WithDbAsync(db => db.Connections.Where(c => c.UserId == user.Id && c.Provider == "strava")
            .ExecuteUpdateAsync(u => u.SetProperty(c => c.State, ConnectionStates.ReauthorizationRequired)));
        var requests = strava.Requests("/api/v3");

        var status = await hosts.StravaDeauthorizationAsync();

        Assert.Equal(HttpStatusCode.OK, status);
        var removed = await SkinProgressFixture.EventuallyAsync(() => hosts.ConnectionAsync(user, "strava"), c => c.RemovedAt is not null);
        Assert.NotNull(removed.RemovedAt);
        Assert.Empty(await SkinProgressFixture.EventuallyAsync(() => hosts.StoredIdsAsync(user, "strava"), ids => ids.Count == 0));
        Assert.Equal(requests, strava.Requests("/api/v3"));
    }

    private static async Task<JsonElement?> DayAsync(HttpClient me, DateOnly day)
    {
        var days = (await me.GetFromJsonAsync<JsonElement>(FormattableString.Invariant($"/v1/me/days?from={day:yyyy-MM-dd}&to={day:yyyy-MM-dd}"))).GetProperty("days");
        return days.GetArrayLength() == 0 ? null : days[0];
    }

    private static double Minutes(JsonElement day) => day.GetProperty("workoutMinutes").EnumerateObject().Sum(p => p.Value.GetDouble());
}
