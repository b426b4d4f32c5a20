using System.Diagnostics;
using System.Text.Json.Nodes;
using SkinProgress.Connections;
using SkinProgress.Connections.Http;
using SkinProgress.Connections.Strava;

namespace SkinProgress.IntegrationTests.Connections.StandIns;

public sealed class StravaClientTests : IAsyncLifetime
{
    private static readonly DateTimeOffset From = new(2010, 1, 1, 0, 0, 0, TimeSpan.Zero);
    private static readonly DateTimeOffset To = new(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);

    private StravaStandIn _strava = null!;
    private ProviderClients _clients = null!;

    public async Task InitializeAsync()
    {
        _strava = await StandInHost.StartNewAsync<StravaStandIn>();
        _clients = await ProviderClients.StartAsync(strava: _strava);
    }

    public async Task DisposeAsync()
    {
        await _clients.DisposeAsync();
        await _strava.DisposeAsync();
    }

    private StravaProvider Provider => _clients.Get<StravaProvider>();

    private ProviderSession Session()
    {
        var (access, _, _) = _strava.Tokens.Issue(_strava.OwnerId);
        return new ProviderSession(_strava.OwnerId, access);
    }

    [Fact]
    public async Task Backfill_ReturnsEveryRecordedActivityInTheRange()
    {
        var changes = await Provider.FetchRangeAsync(Session(), From, To, default);

        Assert.Equal(_strava.ActivityIds.Order(), changes.Events.Select(e => e.Id).Order());
        Assert.Equal(1, _strava.Requests("/api/v3"));
    }

    [Fact]
    public async Task ChangedActivity_IsFetched_AndAnEditReplacesItsValues()
    {
        var session = Session();
        var notification = new ProviderNotification("strava", _strava.OwnerId, NotificationKind.ObjectChanged, "16181809559");
        var before = Assert.Single((await Provider.FetchAsync(session, notification, default)).Events);

        var edited = JsonNode.Parse(ProviderData.Text("strava/summary-activity-run-2025.json"))!.AsObject();
        edited["moving_time"] = 3600;
        _strava.Put(edited);
        var after = Assert.Single((await Provider.FetchAsync(session, notification, default)).Events);

        Assert.Equal(before.Id, after.Id);
        Assert.Equal(60, after.Workout!.DurationMinutes);
    }

    [Fact]
    public async Task DeletedActivity_IsRemoved_WithoutAFetch_AndOneGoneBeforeItsFetchToo()
    {
        var session = Session();

        var deleted = await Provider.FetchAsync(session, new ProviderNotification("strava", _strava.OwnerId, NotificationKind.ObjectDeleted, "1477353766"), default);
        Assert.Equal(["1477353766"], deleted.RemovedIds);
        Assert.Equal(0, _strava.Requests("/api/v3"));

        _strava.Delete("1477353766");
        var gone = await Provider.FetchAsync(session, new ProviderNotification("strava", _strava.OwnerId, NotificationKind.ObjectChanged, "1477353766"), default);
        Assert.Equal(["1477353766"], gone.RemovedIds);
        Assert.Empty(gone.Events);
    }

    [Fact]
    public async Task ExpiredToken_IsRefused_AndARefreshedOneWorks()
    {
        var (access, refresh, _) = _strava.Tokens.Issue(_strava.OwnerId);
        _strava.Tokens.ExpireAll();

        await Assert.ThrowsAsync<ReauthorizationRequiredException>(() => Provider.FetchRangeAsync(new ProviderSession(_strava.OwnerId, access), From, To, default));
        var renewed = await Provider.RefreshAsync(refresh, default);

        Assert.NotEqual(access, renewed.AccessToken);
        Assert.NotNull(renewed.RefreshToken);
        Assert.True(renewed.ExpiresAt > DateTimeOffset.UtcNow);
        Assert.NotEmpty((await Provider.FetchRangeAsync(new ProviderSession(_strava.OwnerId, renewed.AccessToken), From, To, default)).Events);
    }

    [Fact]
    public async Task RefusedRefresh_AfterTheAthleteWithdrewTheGrant_RequiresReauthorization()
    {
        var (_, refresh, _) = _strava.Tokens.Issue(_strava.OwnerId);
        _strava.Tokens.Revoke(_strava.OwnerId);

        await Assert.ThrowsAsync<ReauthorizationRequiredException>(() => Provider.RefreshAsync(refresh, default));
        Assert.Equal(0, _strava.Tokens.Refreshes);
    }

    [Fact]
    public async Task Revoke_DeauthorizesAtStrava()
    {
        var session = Session();

        await Provider.RevokeAsync(session, default);

        Assert.Null(_strava.Tokens.Owner(session.AccessToken));
    }

    [Fact]
    public async Task TooManyRequests_IsWaitedOutAsRetryAfterSays_AndNothingIsLost()
    {
        _strava.Faults.TooManyRequests(2, retryAfterSeconds: 1);
        var clock = Stopwatch.StartNew();

        var changes = await Provider.FetchRangeAsync(Session(), From, To, default);

        Assert.Equal(_strava.ActivityIds.Count, changes.Events.Count);
        Assert.Equal(3, _strava.Requests("/api/v3"));
        Assert.True(clock.Elapsed >= TimeSpan.FromSeconds(1.9), $"Retried after {clock.Elapsed}, before Retry-After.");
    }

    [Fact]
    public async Task ServerErrors_AreRetried_AndNothingIsLost()
    {
        // Four in a row: one more than the pipeline's default attempts, within the four retries configured here.
        _strava.Faults.ServerErrors(4);
        var clock = Stopwatch.StartNew();

        var changes = await Provider.FetchRangeAsync(Session(), From, To, default);

        Assert.Equal(_strava.ActivityIds.Count, changes.Events.Count);
        Assert.Equal(5, _strava.Requests("/api/v3"));
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(5), $"The configured back-off was not used: {clock.Elapsed}.");
    }

    [Fact]
    public async Task SpentBudget_SendsNothing_AndSaysWhenToTryAgain()
    {
        await using var clients = await ProviderClients.StartAsync(strava: _strava, settings: new Dictionary<string, string?> { ["Providers:Strava:RequestsPer15Minutes"] = "3" });
        var provider = clients.Get<StravaProvider>();
        var session = Session();

        for (var i = 0; i < 3; i++)
        {
            await provider.FetchRangeAsync(session, From, To, default);
        }

        var spent = await Assert.ThrowsAsync<RateBudgetExhaustedException>(() => provider.FetchRangeAsync(session, From, To, default));
        Assert.Equal(3, _strava.Requests("/api/v3"));
        Assert.Equal(0, spent.RetryAt.Minute % 15);
        Assert.True(spent.RetryAt > DateTimeOffset.UtcNow && spent.RetryAt <= DateTimeOffset.UtcNow.AddMinutes(15));
    }

    [Fact]
    public async Task Retries_ArePaidFromTheBudget_SoAnOutageCannotOverspendIt()
    {
        await using var clients = await ProviderClients.StartAsync(strava: _strava, settings: new Dictionary<string, string?> { ["Providers:Strava:RequestsPer15Minutes"] = "3" });
        _strava.Faults.ServerErrors(10);

        await Assert.ThrowsAsync<RateBudgetExhaustedException>(() => clients.Get<StravaProvider>().FetchRangeAsync(Session(), From, To, default));

        Assert.Equal(3, _strava.Requests("/api/v3"));
    }

    [Fact]
    public async Task Webhooks_FromTheStandIn_AreVerifiedAndRead()
    {
        await using var receiver = await WebhookReceiver.StartAsync([Provider]);
        var callback = receiver.Callback("strava");

        Assert.Equal((200, true), await StravaStandIn.ValidateSubscriptionAsync(callback, "stand-in-verify-token"));
        Assert.Equal((403, false), await StravaStandIn.ValidateSubscriptionAsync(callback, "guessed"));
        using var created = await _strava.SendEventAsync(callback, "activity", "create", 16181809559);
        using var deauthorized = await _strava.SendEventAsync(callback, "athlete", "update", 12342176, new JsonObject { ["authorized"] = "false" });

        Assert.Equal(
            [
                new ProviderNotification("strava", _strava.OwnerId, NotificationKind.ObjectChanged, "16181809559"),
                new ProviderNotification("strava", _strava.OwnerId, NotificationKind.Deauthorized),
            ],
            receiver.Accepted);
        Assert.Equal(0, _strava.Requests("/api/v3"));
    }
}
