using Microsoft.Extensions.DependencyInjection;
using SkinProgress.IntegrationTests.Connections.StandIns;

namespace SkinProgress.IntegrationTests.Connections;

/// <summary>
/// The providers' stand-ins and an Api that offers the real Strava, Withings and Polar on them (the fixture's Worker
/// has no provider configured, so nothing is fetched). Disposing removes the connections made to the stand-ins.
/// </summary>
public sealed class ConnectionHosts : IAsyncDisposable
{
    private readonly StandInConnections _connections;

    private ConnectionHosts(ProviderStandIns standIns, ApiFactory api, LogRecorder logs, StandInConnections connections)
    {
        StandIns = standIns;
        Api = api;
        Logs = logs;
        _connections = connections;
    }

    public ProviderStandIns StandIns { get; }

    public ApiFactory Api { get; }

    /// <summary>Everything the Api logged.</summary>
    public LogRecorder Logs { get; }

    public static async Task<ConnectionHosts> StartAsync(SkinProgressFixture fixture)
    {
        var standIns = await ProviderStandIns.StartAsync();
        var logs = new LogRecorder();
        var api = new ApiFactory(standIns.With(fixture.Settings), services => services.AddLogging(logs.AddTo));
        return new ConnectionHosts(standIns, api, logs, new StandInConnections(fixture));
    }

    /// <summary>A new user connected to <paramref name="provider"/> through the connect page and the stand-in's consent.</summary>
    public async Task<TestUser> ConnectedUserAsync(SkinProgressFixture fixture, string provider)
    {
        var user = await fixture.CreateUserAsync();
        using var browser = new ConnectBrowser(Api);
        (await browser.OpenAsync(await ConnectBrowser.CreateLinkAsync(Api, user.UserKey))).Dispose();
        using var done = await browser.ConnectAsync(provider);
        Assert.Equal("/v1/connections", done.Headers.Location?.OriginalString);
        return user;
    }

    /// <summary>An AccessLink webhook as Polar posts it to the Api, signed with <paramref name="secret"/>.</summary>
    public async Task<HttpResponseMessage> PostPolarWebhookAsync(string json, string secret = ProviderStandIns.PolarWebhookSecret)
    {
        using var request = PolarStandIn.Webhook(new Uri("/v1/webhooks/polar", UriKind.Relative), json, secret);
        using var client = Api.CreateClient();
        return await client.SendAsync(request);
    }

    public async ValueTask DisposeAsync()
    {
        await Api.DisposeAsync();
        await _connections.DisposeAsync();
        await StandIns.DisposeAsync();
    }
}
