using Microsoft.AspNetCore.Authentication.OAuth;
using SkinProgress.Connections;
using SkinProgress.Connections.Withings;
using SkinProgress.Events;

namespace SkinProgress.IntegrationTests.Connections.StandIns;

public sealed class WithingsClientTests : IAsyncLifetime
{
    private static readonly DateTimeOffset From = new(2010, 1, 1, 0, 0, 0, TimeSpan.Zero);
    private static readonly DateTimeOffset To = new(2026, 6, 1, 0, 0, 0, TimeSpan.Zero);

    private WithingsStandIn _withings = null!;
    private ProviderClients _clients = null!;
    private WebhookReceiver _receiver = null!;

    public async Task InitializeAsync()
    {
        _withings = await StandInHost.StartNewAsync<WithingsStandIn>();
        _clients = await ProviderClients.StartAsync(withings: _withings);
        _receiver = await WebhookReceiver.StartAsync([_clients.Get<WithingsProvider>()]);
    }

    public async Task DisposeAsync()
    {
        await _receiver.DisposeAsync();
        await _clients.DisposeAsync();
        await _withings.DisposeAsync();
    }

    private WithingsProvider Provider => _clients.Get<WithingsProvider>();

    private ProviderSession Session()
    {
        var (access, _, _) = _withings.Tokens.Issue(_withings.OwnerId);
        return new ProviderSession(_withings.OwnerId, access);
    }

    [Fact]
    public async Task Backfill_PagesThroughWeighInsAndWorkouts()
    {
        var changes = await Provider.FetchRangeAsync(Session(), From, To, default);

        Assert.Equal(4, changes.Events.Count(e => e.Type == EventTypes.Weight));
        Assert.Equal(3, changes.Events.Count(e => e.Type == EventTypes.Workout));
        // Two items a page: two pages of weigh-ins and two of workouts.
        Assert.Equal(2, _withings.Requests("/measure"));
        Assert.Equal(2, _withings.Requests("/v2/measure"));
    }

    [Fact]
    public async Task WithingsTooManyRequestsStatus_IsRetried_AndNothingIsLost()
    {
        _withings.StatusTooManyRequests = 2;

        var changes = await Provider.FetchRangeAsync(Session(), From, To, default);

        Assert.Equal(7, changes.Events.Count);
        Assert.Equal(6, _withings.Requests("/measure") + _withings.Requests("/v2/measure"));
    }

    [Fact]
    public async Task WeightNotification_FromTheStandIn_FetchesTheWeighInsOfItsRange()
    {
        var session = Session();
        using var answer = await _withings.NotifyAsync(
            _receiver.Callback("withings"), 1, DateTimeOffset.FromUnixTimeSeconds(1331671000), DateTimeOffset.FromUnixTimeSeconds(1331672000));

        Assert.Equal(200, (int)answer.StatusCode);
        var notification = Assert.Single(_receiver.Accepted);
        var changes = await Provider.FetchAsync(session, notification, default);

        Assert.Equal(["measure:54510546", "measure:54510441"], changes.Events.Select(e => e.Id));
        Assert.Equal(0, _withings.Requests("/v2/measure"));
    }

    [Fact]
    public async Task RevokedToken_RequiresReauthorization_ForFetchAndRefresh()
    {
        var (access, refresh, _) = _withings.Tokens.Issue(_withings.OwnerId);
        _withings.Tokens.Revoke(_withings.OwnerId);

        await Assert.ThrowsAsync<ReauthorizationRequiredException>(() => Provider.FetchRangeAsync(new ProviderSession(_withings.OwnerId, access), From, To, default));
        await Assert.ThrowsAsync<ReauthorizationRequiredException>(() => Provider.RefreshAsync(refresh, default));
    }

    [Fact]
    public async Task Refresh_UnwrapsWithingsAnswer()
    {
        var (access, refresh, _) = _withings.Tokens.Issue(_withings.OwnerId);

        var renewed = await Provider.RefreshAsync(refresh, default);

        Assert.NotEqual(access, renewed.AccessToken);
        Assert.NotNull(renewed.RefreshToken);
        Assert.Equal(1, _withings.Tokens.Refreshes);
    }

    [Fact]
    public async Task Connect_SubscribesWeightAndActivityNotifications_ToTheWebhook()
    {
        await using var clients = await ProviderClients.StartAsync(withings: _withings, settings: new Dictionary<string, string?>
        {
            ["Providers:Withings:WebhookUrl"] = "https://skinprogress.example/v1/webhooks/withings",
        });

        await clients.Get<WithingsProvider>().OnConnectedAsync(Session(), default);

        Assert.Equal(
            [("subscribe", "1", "https://skinprogress.example/v1/webhooks/withings"), ("subscribe", "16", "https://skinprogress.example/v1/webhooks/withings")],
            _withings.Subscriptions);
    }

    [Fact]
    public async Task CodeExchange_ThroughTheOAuthBackChannel_IsAPlainTokenResponse()
    {
        var options = new OAuthOptions();
        Provider.ConfigureOAuth(options);
        var code = await OAuthFlow.ConsentAsync(_withings, options);

        using var document = await OAuthFlow.ExchangeAsync(options, code);

        Assert.False(string.IsNullOrEmpty(document.RootElement.GetProperty("access_token").GetString()));
        Assert.Equal(_withings.OwnerId, Provider.ReadOwnerId(OAuthFlow.Context(options, document)));
    }
}
