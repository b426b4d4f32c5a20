using Microsoft.AspNetCore.Authentication.OAuth;
using SkinProgress.Connections;
using SkinProgress.Connections.Polar;
using SkinProgress.Events;

namespace SkinProgress.IntegrationTests.Connections.StandIns;

public sealed class PolarClientTests : IAsyncLifetime
{
    private PolarStandIn _polar = null!;
    private ProviderClients _clients = null!;
    private WebhookReceiver _receiver = null!;

    public async Task InitializeAsync()
    {
        _polar = await StandInHost.StartNewAsync<PolarStandIn>();
        _clients = await ProviderClients.StartAsync(polar: _polar);
        _receiver = await WebhookReceiver.StartAsync([_clients.Get<PolarProvider>()]);
    }

    public async Task DisposeAsync()
    {
        await _receiver.DisposeAsync();
        await _clients.DisposeAsync();
        await _polar.DisposeAsync();
    }

    private PolarProvider Provider => _clients.Get<PolarProvider>();

    private ProviderSession Session()
    {
        var (access, _, _) = _polar.Tokens.Issue(_polar.OwnerId);
        return new ProviderSession(_polar.OwnerId, access);
    }

    [Fact]
    public async Task SignedExerciseWebhook_IsAccepted_AndTheExerciseFetchedAsItsFitFile()
    {
        var session = Session();
        using var answer = await PolarStandIn.SendAsync(_receiver.Callback("polar"), _polar.ExerciseEvent(), "stand-in-signature-secret");

        Assert.Equal(200, (int)answer.StatusCode);
        var changes = await Provider.FetchAsync(session, Assert.Single(_receiver.Accepted), default);

        var workout = Assert.Single(changes.Events);
        Assert.Equal(PolarStandIn.ExerciseId, workout.Id);
        Assert.Equal(Activities.Running, workout.Workout!.Activity);
    }

    [Fact]
    public async Task WebhookSignedWithAnotherSecret_IsUnauthorized_AndNothingIsFetched()
    {
        using var answer = await PolarStandIn.SendAsync(_receiver.Callback("polar"), _polar.ExerciseEvent(), "not-our-secret");

        Assert.Equal(401, (int)answer.StatusCode);
        Assert.Empty(_receiver.Accepted);
        Assert.Equal(0, _polar.Requests("/v3"));
    }

    [Fact]
    public async Task Ping_IsAnsweredOk()
    {
        using var answer = await PolarStandIn.SendAsync(_receiver.Callback("polar"), ProviderData.Text("polar/webhook-ping.docs.json"), "stand-in-signature-secret");

        Assert.Equal(200, (int)answer.StatusCode);
        Assert.Empty(_receiver.Accepted);
    }

    [Fact]
    public async Task Backfill_FetchesTheFitFileOfEachExerciseStartedInTheRange()
    {
        var changes = await Provider.FetchRangeAsync(
            Session(), new DateTimeOffset(2020, 9, 27, 0, 0, 0, TimeSpan.Zero), new DateTimeOffset(2020, 9, 28, 0, 0, 0, TimeSpan.Zero), default);

        Assert.Equal([PolarStandIn.ExerciseId], changes.Events.Select(e => e.Id));
        Assert.Equal(1, _polar.Requests("/v3/exercises/"));
    }

    [Fact]
    public async Task Connect_RegistersThePerson_Once()
    {
        var session = Session();

        await Provider.OnConnectedAsync(session, default);
        await Provider.OnConnectedAsync(session, default);

        Assert.True(_polar.IsRegistered(_polar.OwnerId));
    }

    [Fact]
    public async Task Revoke_DeletesTheRegistration_AndTheTokenStopsWorking()
    {
        var session = Session();
        await Provider.OnConnectedAsync(session, default);

        await Provider.RevokeAsync(session, default);

        Assert.False(_polar.IsRegistered(_polar.OwnerId));
        await Assert.ThrowsAsync<ReauthorizationRequiredException>(() => Provider.FetchRangeAsync(session, DateTimeOffset.UnixEpoch, DateTimeOffset.UtcNow, default));
    }

    [Fact]
    public async Task Refresh_RequiresReauthorization_PolarIssuesNoRefreshTokens() =>
        await Assert.ThrowsAsync<ReauthorizationRequiredException>(() => Provider.RefreshAsync("anything", default));

    [Fact]
    public async Task CodeExchange_AuthenticatesTheClientWithHttpBasic_AndNamesThePolarUser()
    {
        var options = new OAuthOptions();
        Provider.ConfigureOAuth(options);
        var code = await OAuthFlow.ConsentAsync(_polar, options);

        using var document = await OAuthFlow.ExchangeAsync(options, code);

        Assert.Equal(_polar.OwnerId, Provider.ReadOwnerId(OAuthFlow.Context(options, document)));
    }
}
