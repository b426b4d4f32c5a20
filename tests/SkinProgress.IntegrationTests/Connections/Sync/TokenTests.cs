using System.Net;
using SkinProgress.Data.Connections;

namespace SkinProgress.IntegrationTests.Connections.Sync;

/// <summary>What the Worker does with a connection's tokens: refresh, stop for a refused grant, revoke on disconnect.</summary>
[Collection(RealServices.Name)]
public sealed class TokenTests(SkinProgressFixture fixture)
{
    [Fact]
    public async Task AccessTokenAboutToExpire_IsRefreshedBeforeItIsUsed()
    {
        await using var hosts = await SyncHosts.StartAsync(fixture, backfillDays: 30);
        var strava = hosts.StandIns.Strava;
        strava.Tokens.Lifetime = TimeSpan.FromMinutes(2);

        var user = await hosts.ConnectedAsync("strava");

        Assert.Equal(1, strava.Tokens.Refreshes);
        // The backfill's one request went out with the refreshed token: none was refused.
        Assert.Equal(1, strava.Requests("/api/v3"));
    }

    [Fact]
    public async Task AccessTokenTheProviderExpiredEarly_IsRefreshedOnce_AndTheNotificationStillFetched()
    {
        await using var hosts = await SyncHosts.StartAsync(fixture, backfillDays: 30);
        var strava = hosts.StandIns.Strava;
        var user = await hosts.ConnectedAsync("strava");
        strava.Tokens.ExpireAll();
        var id = BackfillTests.RecentActivity(strava, 9_300_000_001, DateTimeOffset.UtcNow.AddDays(-1));

        Assert.Equal(HttpStatusCode.OK, await hosts.StravaEventAsync("create", id));

        Assert.Equal([id], await SkinProgressFixture.EventuallyAsync(() => hosts.StoredIdsAsync(user, "strava"), ids => ids.Count > 0));
        Assert.Equal(1, strava.Tokens.Refreshes);
        Assert.Equal(ConnectionStates.Connected, (await hosts.ConnectionAsync(user, "strava")).State);
    }

    [Fact]
    public async Task RevokedGrant_MarksReauthorizationRequired_InTheApiAndAdminSync_AndNoFurtherRequestReachesTheProvider()
    {
        await using var hosts = await SyncHosts.StartAsync(fixture, backfillDays: 30);
        var strava = hosts.StandIns.Strava;
        var user = await hosts.ConnectedAsync("strava");
        strava.Tokens.Revoke(strava.OwnerId);
        var id = BackfillTests.RecentActivity(strava, 9_400_000_001, DateTimeOffset.UtcNow.AddDays(-1));

        Assert.Equal(HttpStatusCode.OK, await hosts.StravaEventAsync("create", id));
        await hosts.UntilStateAsync(user, "strava", ConnectionStates.ReauthorizationRequired);

        Assert.Equal(ConnectionStates.ReauthorizationRequired, (await hosts.MyConnectionAsync(user, "strava")).GetProperty("state").GetString());
        Assert.Equal(ConnectionStates.ReauthorizationRequired, (await hosts.AdminSyncAsync(user, "strava")).GetProperty("state").GetString());
        // One refused fetch and one refused refresh (after the code exchange), then nothing: no retry storm.
        Assert.Equal(1, strava.Requests($"/api/v3/activities/{id}"));
        Assert.Equal(2, strava.Requests("/oauth/token"));
        var before = strava.Requests();

        Assert.Equal(HttpStatusCode.OK, await hosts.StravaEventAsync("create", id));
        Assert.Equal(HttpStatusCode.OK, await hosts.StravaEventAsync("update", id));
        await Task.Delay(TimeSpan.FromSeconds(3));

        Assert.Equal(before, strava.Requests());
        Assert.Empty(await hosts.StoredIdsAsync(user, "strava"));
    }

    [Fact]
    public async Task Disconnect_RevokesTheGrantAtTheProvider_AndRemovesTheEvents()
    {
        await using var hosts = await SyncHosts.StartAsync(fixture);
        var strava = hosts.StandIns.Strava;
        var user = await hosts.ConnectedAsync("strava");
        Assert.NotEmpty(await SkinProgressFixture.EventuallyAsync(() => hosts.StoredIdsAsync(user, "strava"), ids => ids.Count > 0));

        using var me = hosts.Client(user.UserKey);
        using var deleted = await me.DeleteAsync("/v1/me/connections/strava");

        Assert.Equal(HttpStatusCode.NoContent, deleted.StatusCode);
        Assert.Equal(1, await SkinProgressFixture.EventuallyAsync(() => Task.FromResult(strava.Requests("/oauth/deauthorize")), n => n == 1));
        Assert.Empty(await SkinProgressFixture.EventuallyAsync(() => hosts.StoredIdsAsync(user, "strava"), ids => ids.Count == 0));
    }
}
