using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using SkinProgress.Connections;
using SkinProgress.Data.Connections;
using SkinProgress.IntegrationTests.Connections.StandIns;

namespace SkinProgress.IntegrationTests.Connections.Sync;

/// <summary>
/// The three stand-ins, an Api and the fixture's Worker pointed at them, with a ten-year backfill in yearly chunks so
/// the recorded bodies (2016–2026) fall inside it in ten chunks. Disposing puts the default Worker back and removes
/// the stand-ins' connections, whose owners are the same in every test.
/// </summary>
public sealed class SyncHosts : IAsyncDisposable
{
    public const int BackfillDays = 3650;
    public const int ChunkDays = 365;

    private readonly SkinProgressFixture _fixture;
    private readonly IAsyncDisposable _worker;

    private SyncHosts(SkinProgressFixture fixture, ProviderStandIns standIns, ApiFactory api, IAsyncDisposable worker)
    {
        _fixture = fixture;
        StandIns = standIns;
        Api = api;
        _worker = worker;
    }

    public ProviderStandIns StandIns { get; }

    public ApiFactory Api { get; }

    public static async Task<SyncHosts> StartAsync(
        SkinProgressFixture fixture,
        int backfillDays = BackfillDays,
        int chunkDays = ChunkDays,
        bool inProcessWorker = true,
        IReadOnlyDictionary<string, string?>? workerSettings = null)
    {
        var standIns = await ProviderStandIns.StartAsync();
        var apiSettings = standIns.With(fixture.Settings);
        apiSettings["Connections:BackfillDays"] = backfillDays.ToString(CultureInfo.InvariantCulture);
        // Without the in-process Worker the test runs its own; stopping one just started could race its bus's start.
        var settings = WorkerSettings(standIns, chunkDays);
        foreach (var (key, value) in workerSettings ?? new Dictionary<string, string?>())
        {
            settings[key] = value;
        }

        var worker = inProcessWorker ? await fixture.WorkerWithAsync(settings) : await fixture.WithoutWorkerAsync();
        return new SyncHosts(fixture, standIns, new ApiFactory(apiSettings), worker);
    }

    /// <summary>What the Worker needs on top of the fixture's settings: the providers and the chunk size.</summary>
    public static Dictionary<string, string?> WorkerSettings(ProviderStandIns standIns, int chunkDays = ChunkDays) =>
        new(standIns.Settings, StringComparer.Ordinal)
        {
            ["Connections:BackfillChunkDays"] = chunkDays.ToString(CultureInfo.InvariantCulture),
        };

    /// <summary>A new user who connected <paramref name="provider"/> through the connect page and the stand-in's consent.</summary>
    public async Task<TestUser> ConnectAsync(string provider)
    {
        var user = await _fixture.CreateUserAsync();
        using var browser = new ConnectBrowser(Api);
        (await browser.OpenAsync(await ConnectBrowser.CreateLinkAsync(Api, user.UserKey))).Dispose();
        using var done = await browser.ConnectAsync(provider);
        Assert.Equal(HttpStatusCode.Redirect, done.StatusCode);
        Assert.Equal("/v1/connections", done.Headers.Location?.OriginalString);
        return user;
    }

    /// <summary>A new user connected to <paramref name="provider"/>, once the Worker has finished the backfill.</summary>
    public async Task<TestUser> ConnectedAsync(string provider)
    {
        var user = await ConnectAsync(provider);
        await UntilStateAsync(user, provider, ConnectionStates.Connected);
        return user;
    }

    public Task<Connection> ConnectionAsync(TestUser user, string provider) =>
        _fixture.WithDbAsync(db => db.Connections.AsNoTracking().SingleAsync(c => c.UserId == user.Id && c.Provider == provider));

    /// <summary>The provider's connection as <c>GET /v1/me/connections</c> shows it.</summary>
    public async Task<JsonElement> MyConnectionAsync(TestUser user, string provider)
    {
        using var me = Client(user.UserKey);
        var all = await me.GetFromJsonAsync<JsonElement>("/v1/me/connections");
        return all.EnumerateArray().Single(c => c.GetProperty("provider").GetString() == provider);
    }

    /// <summary>The provider's connection as the admin's <c>GET /v1/admin/users/{id}/sync</c> shows it.</summary>
    public async Task<JsonElement> AdminSyncAsync(TestUser user, string provider)
    {
        using var admin = Client(_fixture.AdminKey);
        var sync = await admin.GetFromJsonAsync<JsonElement>($"/v1/admin/users/{user.Id}/sync");
        return sync.GetProperty("connections").EnumerateArray().Single(c => c.GetProperty("provider").GetString() == provider);
    }

    public Task<Connection> UntilStateAsync(TestUser user, string provider, string state, TimeSpan? limit = null) =>
        SkinProgressFixture.EventuallyAsync(() => ConnectionAsync(user, provider), c => c.State == state, limit ?? TimeSpan.FromSeconds(90));

    /// <summary>What one fetch of the connection's whole backfill window finds at the stand-in, straight from the provider.</summary>
    public async Task<ProviderChanges> FetchWindowAsync(string provider, Connection connection)
    {
        await using var clients = await ProviderClients.StartAsync(StandIns.Strava, StandIns.Withings, StandIns.Polar);
        var standIn = StandIns.Named(provider);
        var (access, _, _) = standIn.Tokens.Issue(standIn.OwnerId);
        var client = clients.Services.GetServices<IConnectionProvider>().Single(p => p.Name == provider);
        return await client.FetchRangeAsync(new ProviderSession(standIn.OwnerId, access), connection.BackfillFrom, connection.BackfillTo, default);
    }

    /// <summary>The ids of the events the connection's device has stored.</summary>
    public Task<List<string>> StoredIdsAsync(TestUser user, string provider) =>
        _fixture.WithDbAsync(async db =>
        {
            var device = await db.Connections.Where(c => c.UserId == user.Id && c.Provider == provider).Select(c => c.DeviceId).SingleAsync();
            return await db.RawEvents.Where(e => e.UserId == user.Id && e.DeviceId == device).Select(e => e.ExternalId).OrderBy(id => id).ToListAsync();
        });

    /// <summary>A webhook as the provider posts it, to the Api.</summary>
    public Task<HttpStatusCode> PostWebhookAsync(string provider, HttpContent content) =>
        SendAsync(new HttpRequestMessage(HttpMethod.Post, $"/v1/webhooks/{provider}") { Content = content });

    /// <summary>Strava's push event for one of the athlete's activities (webhooks guide, "Event Data").</summary>
    public Task<HttpStatusCode> StravaEventAsync(string aspect, string activityId) => PostWebhookAsync("strava", JsonContent.Create(new JsonObject
    {
        ["aspect_type"] = aspect,
        ["event_time"] = DateTimeOffset.UtcNow.ToUnixTimeSeconds(),
        ["object_id"] = long.Parse(activityId, CultureInfo.InvariantCulture),
        ["object_type"] = "activity",
        ["owner_id"] = long.Parse(StandIns.Strava.OwnerId, CultureInfo.InvariantCulture),
        ["subscription_id"] = 120475,
        ["updates"] = new JsonObject(),
    }));

    /// <summary>Strava's push event for the athlete withdrawing the grant (webhooks guide, "Event Data": authorized "false").</summary>
    public Task<HttpStatusCode> StravaDeauthorizationAsync() => PostWebhookAsync("strava", JsonContent.Create(new JsonObject
    {
        ["aspect_type"] = "update",
        ["event_time"] = DateTimeOffset.UtcNow.ToUnixTimeSeconds(),
        ["object_id"] = long.Parse(StandIns.Strava.OwnerId, CultureInfo.InvariantCulture),
        ["object_type"] = "athlete",
        ["owner_id"] = long.Parse(StandIns.Strava.OwnerId, CultureInfo.InvariantCulture),
        ["subscription_id"] = 120475,
        ["updates"] = new JsonObject { ["authorized"] = "false" },
    }));

    /// <summary>An AccessLink webhook signed with <paramref name="secret"/>.</summary>
    public Task<HttpStatusCode> PolarEventAsync(string json, string secret = ProviderStandIns.PolarWebhookSecret) =>
        SendAsync(PolarStandIn.Webhook(new Uri("/v1/webhooks/polar", UriKind.Relative), json, secret));

    private async Task<HttpStatusCode> SendAsync(HttpRequestMessage request)
    {
        using (request)
        {
            using var client = Api.CreateClient();
            using var response = await client.SendAsync(request);
            return response.StatusCode;
        }
    }

    /// <summary>A client of this Api (the one with the providers configured).</summary>
    public HttpClient Client(string key)
    {
        var client = Api.CreateClient();
        client.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", key);
        return client;
    }

    public async ValueTask DisposeAsync()
    {
        await _worker.DisposeAsync();
        await new StandInConnections(_fixture).DisposeAsync();
        await Api.DisposeAsync();
        await StandIns.DisposeAsync();
    }
}
