using System.Net;
using System.Text;
using System.Text.Json;
using SkinProgress.Contracts;

namespace SkinProgress.IntegrationTests.Connections;

/// <summary>Webhooks through the real Api and RabbitMQ, verified by the loopback provider.</summary>
[Collection(RealServices.Name)]
public sealed class WebhookTests(SkinProgressFixture fixture) : IAsyncLifetime
{
    private const string Route = $"/v1/webhooks/{LoopbackConnectionProvider.ProviderName}";
    private ConnectionHosts _hosts = null!;

    public async Task InitializeAsync() => _hosts = await ConnectionHosts.StartAsync(fixture);

    public async Task DisposeAsync() => await _hosts.DisposeAsync();

    [Fact]
    public async Task Webhook_ForAnUnknownProvider_Answers404()
    {
        using var client = _hosts.Api.CreateClient();

        using var response = await client.PostAsync("/v1/webhooks/nosuchprovider", Notification("anybody"));

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }

    [Fact]
    public async Task Webhook_TheProviderRefuses_AnswersItsStatus_AndPublishesNothing()
    {
        await using var tap = await BrokerTap.StartAsync<ProviderNotified>();
        var owner = $"owner-{Guid.NewGuid():N}";
        await _hosts.ConnectedUserAsync(fixture, owner);
        using var client = _hosts.Api.CreateClient();

        using var response = await client.PostAsync(Route, Notification(owner, secret: "wrong"));

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.DoesNotContain(await tap.ReadAsync(owner, TimeSpan.FromSeconds(2)), b => b.Contains(owner, StringComparison.Ordinal));
    }

    [Fact]
    public async Task Webhook_Challenge_IsAnsweredWithTheProvidersJson()
    {
        using var client = _hosts.Api.CreateClient();

        using var response = await client.GetAsync($"{Route}?challenge=abc123");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/json", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal("abc123", JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.GetProperty("challenge").GetString());
    }

    [Fact]
    public async Task Webhook_ForAnOwnerNobodyConnected_Answers200_AndPublishesNothing()
    {
        await using var tap = await BrokerTap.StartAsync<ProviderNotified>();
        var stranger = $"stranger-{Guid.NewGuid():N}";
        using var client = _hosts.Api.CreateClient();

        using var response = await client.PostAsync(Route, Notification(stranger));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.DoesNotContain(await tap.ReadAsync(stranger, TimeSpan.FromSeconds(2)), b => b.Contains(stranger, StringComparison.Ordinal));
    }

    [Fact]
    public async Task Webhook_ForAConnectedOwner_Answers200_OnceTheNotificationIsPublished()
    {
        await using var tap = await BrokerTap.StartAsync<ProviderNotified>();
        var owner = $"owner-{Guid.NewGuid():N}";
        var user = await _hosts.ConnectedUserAsync(fixture, owner);
        using var client = _hosts.Api.CreateClient();

        using var response = await client.PostAsync(Route, Notification(owner, objectId: "activity-42"));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var published = Assert.Single(await tap.ReadAsync(owner), b => b.Contains(owner, StringComparison.Ordinal));
        var message = JsonDocument.Parse(published).RootElement.GetProperty("message");
        Assert.Equal(user.Id, message.GetProperty("userId").GetGuid());
        Assert.Equal(("ObjectChanged", "activity-42"), (message.GetProperty("kind").GetString(), message.GetProperty("objectId").GetString()));
    }

    [Fact]
    public async Task Webhook_ForAConnectedOwner_Answers503_WhileRabbitMqIsDown()
    {
        var owner = $"owner-{Guid.NewGuid():N}";
        await _hosts.ConnectedUserAsync(fixture, owner);
        using var client = _hosts.Api.CreateClient();

        await TestServices.RunServicesScriptAsync("rabbit-stop");
        try
        {
            using var refused = await client.PostAsync(Route, Notification(owner));
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

    private static StringContent Notification(string owner, string secret = LoopbackConnectionProvider.Secret, string objectId = "1")
    {
        var content = new StringContent(JsonSerializer.Serialize(new { owner, @object = objectId }), Encoding.UTF8, "application/json");
        content.Headers.Add("X-Loopback-Secret", secret);
        return content;
    }
}
