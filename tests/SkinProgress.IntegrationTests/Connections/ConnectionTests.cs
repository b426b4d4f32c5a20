using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using SkinProgress.Contracts;
using SkinProgress.Data.Connections;

namespace SkinProgress.IntegrationTests.Connections;

/// <summary>The connect link, the page's session, the OAuth round trip and the JSON view, against the providers' stand-ins.</summary>
[Collection(RealServices.Name)]
public sealed class ConnectionTests(SkinProgressFixture fixture) : IAsyncLifetime
{
    /// <summary>What most tests connect: any provider does, and Strava has the plainest flow.</summary>
    private const string Provider = "strava";
    private ConnectionHosts _hosts = null!;

    public async Task InitializeAsync() => _hosts = await ConnectionHosts.StartAsync(fixture);

    public async Task DisposeAsync() => await _hosts.DisposeAsync();

    [Fact]
    public async Task ConnectLink_OpensThePageOnce_AndAnswers410WhenReplayed()
    {
        var user = await fixture.CreateUserAsync();
        var link = await ConnectBrowser.CreateLinkAsync(_hosts.Api, user.UserKey);

        using var first = new ConnectBrowser(_hosts.Api);
        using var opened = await first.OpenAsync(link);
        Assert.Equal(HttpStatusCode.Redirect, opened.StatusCode);
        Assert.Equal("/v1/connections", opened.Headers.Location?.OriginalString);
        var cookie = Assert.Single(opened.Headers.GetValues("Set-Cookie"), c => c.StartsWith("skinprogress_connect=", StringComparison.Ordinal));
        Assert.Contains("path=/v1/connections", cookie, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("secure", cookie, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("samesite=lax", cookie, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("httponly", cookie, StringComparison.OrdinalIgnoreCase);
        using var page = await first.GetAsync("/v1/connections");
        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        Assert.Contains("Not connected", await page.Content.ReadAsStringAsync(), StringComparison.Ordinal);

        using var second = new ConnectBrowser(_hosts.Api);
        using var replayed = await second.OpenAsync(link);
        Assert.Equal(HttpStatusCode.Gone, replayed.StatusCode);
        Assert.Contains("already used", await replayed.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        using var noPage = await second.GetAsync("/v1/connections");
        Assert.Equal(HttpStatusCode.Unauthorized, noPage.StatusCode);
    }

    [Fact]
    public async Task ConnectLink_OlderThan15Minutes_Answers410AndStartsNoSession()
    {
        var user = await fixture.CreateUserAsync();
        using var me = _hosts.Api.CreateClient();
        me.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", user.UserKey);
        var created = await (await me.PostAsync("/v1/me/connections/link", null)).Content.ReadFromJsonAsync<JsonElement>();
        var expiresAt = created.GetProperty("expiresAt").GetDateTimeOffset();
        Assert.InRange(expiresAt - DateTimeOffset.UtcNow, TimeSpan.FromMinutes(14), TimeSpan.FromMinutes(15));
        await fixture.WithDbAsync(db => db.ConnectLinks.Where(l => l.UserId == user.Id)
            .ExecuteUpdateAsync(s => s.SetProperty(l => l.ExpiresAt, l => l.ExpiresAt.AddMinutes(-16))));

        using var browser = new ConnectBrowser(_hosts.Api);
        using var opened = await browser.OpenAsync(created.GetProperty("url").GetString()!);
        Assert.Equal(HttpStatusCode.Gone, opened.StatusCode);
        Assert.False(opened.Headers.Contains("Set-Cookie") && opened.Headers.GetValues("Set-Cookie").Any(c => c.StartsWith("skinprogress_connect=", StringComparison.Ordinal)));
    }

    [Fact]
    public async Task Connect_StoresTheGrantEncrypted_WithItsDevice_SetsUpTheProvider_AndReportsTheBackfill()
    {
        // Withings: a refresh token, an expiry, and notifications to subscribe on connect.
        const string Withings = "withings";
        var withings = _hosts.StandIns.Withings;
        await using var tap = await BrokerTap.StartAsync<ConnectionAuthorized>();
        var user = await _hosts.ConnectedUserAsync(fixture, Withings);

        var row = await fixture.WithDbAsync(db => db.Connections.AsNoTracking().SingleAsync(c => c.UserId == user.Id));
        Assert.Equal((Withings, withings.OwnerId, ConnectionStates.Backfilling), (row.Provider, row.OwnerId, row.State));
        Assert.Equal(90, row.BackfillDaysTotal);
        // Stored protected: the shared key ring reads back the tokens the provider issued, and neither is in the table as sent.
        var tokens = fixture.WorkerServices.GetRequiredService<ConnectionTokens>();
        var access = tokens.ReadAccessToken(row.ProtectedAccessToken)!;
        var refresh = tokens.ReadRefreshToken(row.ProtectedRefreshToken)!;
        Assert.Equal(withings.OwnerId, withings.Tokens.Owner(access));
        Assert.NotEmpty(refresh);
        Assert.DoesNotContain(access, row.ProtectedAccessToken, StringComparison.Ordinal);
        Assert.DoesNotContain(refresh, row.ProtectedRefreshToken, StringComparison.Ordinal);
        Assert.InRange(row.ExpiresAt!.Value - DateTimeOffset.UtcNow, withings.Tokens.Lifetime - TimeSpan.FromMinutes(2), withings.Tokens.Lifetime);
        var device = await fixture.WithDbAsync(db => db.Devices.AsNoTracking().SingleAsync(d => d.Id == row.DeviceId));
        Assert.Equal((Withings, "Withings", user.Id), (device.Source, device.Name, device.UserId));
        Assert.Equal(["1", "16"], withings.Subscriptions.Where(s => s.Action == "subscribe" && s.CallbackUrl == ProviderStandIns.WithingsWebhookUrl)
            .Select(s => s.Appli).Order(StringComparer.Ordinal));

        var published = await tap.ReadAsync(row.Id.ToString());
        Assert.Contains(published, b => b.Contains(row.Id.ToString(), StringComparison.Ordinal) && b.Contains(row.DeviceId.ToString(), StringComparison.Ordinal));
        Assert.DoesNotContain(published, b => b.Contains(access, StringComparison.Ordinal));

        using var me = _hosts.Api.CreateClient();
        me.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", user.UserKey);
        var listed = (await me.GetFromJsonAsync<JsonElement>("/v1/me/connections")).EnumerateArray().Single(c => c.GetProperty("provider").GetString() == Withings);
        Assert.Equal("backfilling", listed.GetProperty("state").GetString());
        Assert.Equal(0, listed.GetProperty("backfill").GetProperty("daysDone").GetInt32());
        Assert.Equal(90, listed.GetProperty("backfill").GetProperty("daysTotal").GetInt32());

        using var admin = _hosts.Api.CreateClient();
        admin.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", fixture.AdminKey);
        var sync = await admin.GetFromJsonAsync<JsonElement>($"/v1/admin/users/{user.Id}/sync");
        var connection = Assert.Single(sync.GetProperty("connections").EnumerateArray());
        Assert.Equal("backfilling", connection.GetProperty("state").GetString());
        Assert.Equal(90, connection.GetProperty("backfill").GetProperty("daysTotal").GetInt32());

        // Every level of every category: no token reached a log, in the clear or protected.
        Assert.NotEmpty(_hosts.Logs.Entries);
        Assert.DoesNotContain(_hosts.Logs.Entries, e => e.Contains(access, StringComparison.Ordinal) || e.Contains(refresh, StringComparison.Ordinal)
            || e.Contains(row.ProtectedAccessToken!, StringComparison.Ordinal) || e.Contains(row.ProtectedRefreshToken!, StringComparison.Ordinal));
    }

    [Fact]
    public async Task ConnectionsList_ShowsEachConfiguredProvider_AsNotConnected_ForSomebodyWithNone()
    {
        var user = await fixture.CreateUserAsync();
        using var me = _hosts.Api.CreateClient();
        me.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", user.UserKey);

        var listed = (await me.GetFromJsonAsync<JsonElement>("/v1/me/connections")).EnumerateArray()
            .Select(c => (c.GetProperty("provider").GetString(), c.GetProperty("displayName").GetString(), c.GetProperty("state").GetString()));

        Assert.Equal([("polar", "Polar", "not_connected"), ("strava", "Strava", "not_connected"), ("withings", "Withings", "not_connected")], listed);
    }

    [Fact]
    public async Task Callback_WithAForgedState_IsRefused_AndStoresNothing()
    {
        var user = await fixture.CreateUserAsync();
        using var browser = new ConnectBrowser(_hosts.Api);
        (await browser.OpenAsync(await ConnectBrowser.CreateLinkAsync(_hosts.Api, user.UserKey))).Dispose();
        var callback = new Uri(await browser.StartAuthorizationAsync(Provider));
        var forged = callback.PathAndQuery[..(callback.PathAndQuery.IndexOf("state=", StringComparison.Ordinal) + "state=".Length)] + "forged";

        using var refused = await browser.GetAsync(forged);

        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
        Assert.Contains("was not connected", await refused.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.False(await fixture.WithDbAsync(db => db.Connections.AnyAsync(c => c.UserId == user.Id)));
    }

    [Fact]
    public async Task Callback_ForAnAuthorisationStartedInAnotherSession_IsRefused_AndStoresNothing()
    {
        var user = await fixture.CreateUserAsync();
        using var browser = new ConnectBrowser(_hosts.Api);
        (await browser.OpenAsync(await ConnectBrowser.CreateLinkAsync(_hosts.Api, user.UserKey))).Dispose();
        var callback = new Uri(await browser.StartAuthorizationAsync(Provider));
        // A new link in the same browser: the state and its correlation cookie are intact, the session is another.
        (await browser.OpenAsync(await ConnectBrowser.CreateLinkAsync(_hosts.Api, user.UserKey))).Dispose();

        using var refused = await browser.GetAsync(callback.PathAndQuery);

        Assert.Equal(HttpStatusCode.Forbidden, refused.StatusCode);
        Assert.Contains("not started from this page", await refused.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.False(await fixture.WithDbAsync(db => db.Connections.AnyAsync(c => c.UserId == user.Id)));
    }

    [Fact]
    public async Task Delete_RemovesTheCallersConnection_AndItsTokens_ThenAnswers404()
    {
        await using var removals = await BrokerTap.StartAsync<SourceRemoved>();
        await using var revokes = await BrokerTap.StartAsync<ConnectionRevokeRequested>();
        var user = await _hosts.ConnectedUserAsync(fixture, Provider);
        var other = await fixture.CreateUserAsync();
        var row = await fixture.WithDbAsync(db => db.Connections.AsNoTracking().SingleAsync(c => c.UserId == user.Id));

        // The owner comes from the key: another user deleting the same provider removes nothing of this one's.
        using var stranger = _hosts.Api.CreateClient();
        stranger.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", other.UserKey);
        Assert.Equal(HttpStatusCode.NotFound, (await stranger.DeleteAsync($"/v1/me/connections/{Provider}")).StatusCode);
        Assert.Null(await fixture.WithDbAsync(db => db.Connections.Where(c => c.Id == row.Id).Select(c => c.RemovedAt).SingleAsync()));

        using var me = _hosts.Api.CreateClient();
        me.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", user.UserKey);
        Assert.Equal(HttpStatusCode.NoContent, (await me.DeleteAsync($"/v1/me/connections/{Provider}")).StatusCode);

        var removed = await fixture.WithDbAsync(db => db.Connections.AsNoTracking().SingleAsync(c => c.Id == row.Id));
        Assert.NotNull(removed.RemovedAt);
        Assert.Null(removed.ProtectedAccessToken);
        Assert.Null(removed.ProtectedRefreshToken);
        Assert.Contains(await removals.ReadAsync(row.DeviceId.ToString()), b => b.Contains(row.DeviceId.ToString(), StringComparison.Ordinal));
        Assert.Contains(await revokes.ReadAsync(row.Id.ToString()), b => b.Contains(row.ProtectedAccessToken!, StringComparison.Ordinal));
        var state = (await me.GetFromJsonAsync<JsonElement>("/v1/me/connections")).EnumerateArray()
            .Single(c => c.GetProperty("provider").GetString() == Provider).GetProperty("state").GetString();
        Assert.Equal("not_connected", state);

        using var again = await me.DeleteAsync($"/v1/me/connections/{Provider}");
        Assert.Equal(HttpStatusCode.NotFound, again.StatusCode);
        Assert.Equal("urn:skinprogress:problem:not-found", (await again.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("type").GetString());
    }

    [Fact]
    public async Task Erase_PublishesTheRevokeWithTheProtectedTokens_AndDeletesTheConnection_WhileTheExportNeverHoldsTokens()
    {
        await using var revokes = await BrokerTap.StartAsync<ConnectionRevokeRequested>();
        var owner = _hosts.StandIns.Strava.OwnerId;
        var user = await _hosts.ConnectedUserAsync(fixture, Provider);
        var row = await fixture.WithDbAsync(db => db.Connections.AsNoTracking().SingleAsync(c => c.UserId == user.Id));
        using var me = _hosts.Api.CreateClient();
        me.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", user.UserKey);

        var export = await me.GetStringAsync("/v1/me/export");
        var listed = Assert.Single(JsonDocument.Parse(export).RootElement.GetProperty("connections").EnumerateArray());
        Assert.Equal((Provider, owner), (listed.GetProperty("provider").GetString(), listed.GetProperty("ownerId").GetString()));
        Assert.DoesNotContain(row.ProtectedAccessToken!, export, StringComparison.Ordinal);
        Assert.DoesNotContain("accessToken", export, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("refreshToken", export, StringComparison.OrdinalIgnoreCase);

        Assert.Equal(HttpStatusCode.NoContent, (await me.DeleteAsync("/v1/me")).StatusCode);

        Assert.Contains(await revokes.ReadAsync(row.Id.ToString()), b => b.Contains(row.ProtectedAccessToken!, StringComparison.Ordinal));
        Assert.False(await fixture.WithDbAsync(db => db.Connections.AnyAsync(c => c.UserId == user.Id)));
    }
}
