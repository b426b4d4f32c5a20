using System.Globalization;
using System.Net;
using System.Text.Json;
using System.Text.Json.Nodes;
using SkinProgress.Contracts;
using SkinProgress.IntegrationTests.Connections.StandIns;

namespace SkinProgress.IntegrationTests.Connections;

/// <summary>
/// Webhooks through the real Api and RabbitMQ, as the providers' stand-ins send them: Polar's signed notifications and
/// Strava's subscription challenge.
/// </summary>
[Collection(RealServices.Name)]
public sealed class WebhookTests(SkinProgressFixture fixture) : IAsyncLifetime
{
    private ConnectionHosts _hosts = null!;

    public async Task InitializeAsync() => _hosts = await ConnectionHosts.StartAsync(fixture);

    public async Task DisposeAsync() => await _hosts.DisposeAsync();

    [Fact]
    public async Task Webhook_ForAnUnknownProvider_Answers404()
    {
        using var client = _hosts.Api.CreateClient();

        using var response = await client.PostAsync("/v1/webhooks/nosuchprovider", new StringContent(_hosts.StandIns.Polar.ExerciseEvent()));

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }

    [Fact]
    public async Task Webhook_TheProviderRefuses_AnswersItsStatus_AndPublishesNothing()
    {
        await using var tap = await BrokerTap.StartAsync<ProviderNotified>();
        var polar = _hosts.StandIns.Polar;
        await _hosts.ConnectedUserAsync(fixture, "polar");

        using var response = await _hosts.PostPolarWebhookAsync(polar.ExerciseEvent(), secret: "wrong");

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.DoesNotContain(await tap.ReadAsync(PolarStandIn.ExerciseId, TimeSpan.FromSeconds(2)), b => b.Contains(PolarStandIn.ExerciseId, StringComparison.Ordinal));
    }

    [Fact]
    public async Task Webhook_Challenge_IsAnsweredWithTheProvidersJson()
    {
        using var client = _hosts.Api.CreateClient();

        using var response = await client.GetAsync($"/v1/webhooks/strava?hub.mode=subscribe&hub.challenge=abc123&hub.verify_token={ProviderStandIns.StravaVerifyToken}");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/json", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal("abc123", JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.GetProperty("hub.challenge").GetString());
    }

    [Fact]
    public async Task Webhook_ForAnOwnerNobodyConnected_Answers200_AndPublishesNothing()
    {
        await using var tap = await BrokerTap.StartAsync<ProviderNotified>();
        var exercise = $"stranger{Guid.NewGuid():N}";

        using var response = await _hosts.PostPolarWebhookAsync(ExerciseEvent(owner: 9_000_000 + Random.Shared.Next(1_000_000), exercise));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.DoesNotContain(await tap.ReadAsync(exercise, TimeSpan.FromSeconds(2)), b => b.Contains(exercise, StringComparison.Ordinal));
    }

    [Fact]
    public async Task Webhook_ForAConnectedOwner_Answers200_OnceTheNotificationIsPublished()
    {
        await using var tap = await BrokerTap.StartAsync<ProviderNotified>();
        var polar = _hosts.StandIns.Polar;
        var user = await _hosts.ConnectedUserAsync(fixture, "polar");
        var exercise = $"activity{Guid.NewGuid():N}";

        using var response = await _hosts.PostPolarWebhookAsync(ExerciseEvent(long.Parse(polar.OwnerId, CultureInfo.InvariantCulture), exercise));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var published = Assert.Single(await tap.ReadAsync(exercise), b => b.Contains(exercise, StringComparison.Ordinal));
        var message = JsonDocument.Parse(published).RootElement.GetProperty("message");
        Assert.Equal(user.Id, message.GetProperty("userId").GetGuid());
        Assert.Equal(("ObjectChanged", exercise), (message.GetProperty("kind").GetString(), message.GetProperty("objectId").GetString()));
    }

    [Fact]
    public async Task Webhook_ForAConnectedOwner_Answers503_WhileRabbitMqIsDown()
    {
        var polar = _hosts.StandIns.Polar;
        await _hosts.ConnectedUserAsync(fixture, "polar");

        await TestServices.RunServicesScriptAsync("rabbit-stop");
        try
        {
            using var refused = await _hosts.PostPolarWebhookAsync(polar.ExerciseEvent());
            Assert.Equal(HttpStatusCode.ServiceUnavailable, refused.StatusCode);
            Assert.NotNull(refused.Headers.RetryAfter);
            Assert.Contains("urn:skinprogress:problem:broker-unavailable", await refused.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        }
        finally
        {
            await TestServices.RunServicesScriptAsync("rabbit-start");
        }

        await fixture.WaitUntilReadyAsync();
    }

    /// <summary>AccessLink's EXERCISE notification for <paramref name="owner"/>'s <paramref name="exercise"/>.</summary>
    private static string ExerciseEvent(long owner, string exercise) => new JsonObject
    {
        ["event"] = "EXERCISE",
        ["user_id"] = owner,
        ["entity_id"] = exercise,
        ["timestamp"] = DateTimeOffset.UtcNow.ToString("yyyy-MM-ddTHH:mm:ss.fffZ", CultureInfo.InvariantCulture),
        ["url"] = $"https://www.polaraccesslink.com/v3/exercises/{exercise}",
    }.ToJsonString();
}
