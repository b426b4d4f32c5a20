using System.Text;
using System.Text.Json;
using SkinProgress.Connections.Strava;

namespace SkinProgress.Connections.Tests.Strava;

public class StravaWebhookTests
{
    private const string VerifyToken = "STRAVA-verify-7d1";

    private static Task<WebhookReading> Read(Microsoft.AspNetCore.Http.HttpRequest request) =>
        StravaWebhook.ReadAsync(request, VerifyToken, CancellationToken.None);

    [Fact]
    public async Task SubscriptionValidation_WithOurVerifyToken_EchoesTheChallengeAsJson()
    {
        var reading = await Read(WebhookRequests.Get($"?hub.mode=subscribe&hub.challenge=15f7d1a91c1f40f8a748fd134752feb3&hub.verify_token={VerifyToken}"));

        Assert.Equal(200, reading.StatusCode);
        using var answer = JsonDocument.Parse(reading.ResponseJson!);
        Assert.Equal("15f7d1a91c1f40f8a748fd134752feb3", answer.RootElement.GetProperty("hub.challenge").GetString());
        Assert.Empty(reading.Notifications);
    }

    [Theory]
    [InlineData("?hub.mode=subscribe&hub.challenge=abc&hub.verify_token=STRAVA-verify-7d2")]
    [InlineData("?hub.mode=subscribe&hub.challenge=abc&hub.verify_token=")]
    [InlineData("?hub.mode=subscribe&hub.challenge=abc")]
    public async Task SubscriptionValidation_WithAnotherToken_IsForbidden(string query)
    {
        var reading = await Read(WebhookRequests.Get(query));

        Assert.Equal(403, reading.StatusCode);
        Assert.Null(reading.ResponseJson);
    }

    [Theory]
    [InlineData("?hub.mode=unsubscribe&hub.challenge=abc&hub.verify_token=STRAVA-verify-7d1")]
    [InlineData("?hub.mode=subscribe&hub.verify_token=STRAVA-verify-7d1")]
    public async Task SubscriptionValidation_Malformed_IsABadRequest(string query) =>
        Assert.Equal(400, (await Read(WebhookRequests.Get(query))).StatusCode);

    [Theory]
    [InlineData("strava/webhook-activity-create.docs.json", NotificationKind.ObjectChanged)]
    [InlineData("strava/webhook-activity-update.docs.json", NotificationKind.ObjectChanged)]
    [InlineData("strava/webhook-activity-delete.docs.json", NotificationKind.ObjectDeleted)]
    public async Task ActivityEvent_NamesTheActivityAndItsOwner(string file, NotificationKind kind)
    {
        var reading = await Read(WebhookRequests.Post(TestFiles.Bytes(file)));

        Assert.Equal(200, reading.StatusCode);
        var notification = Assert.Single(reading.Notifications);
        Assert.Equal(new ProviderNotification("strava", "12342176", kind, "16181809559"), notification);
    }

    [Fact]
    public async Task AthleteDeauthorization_IsDeauthorized()
    {
        var reading = await Read(WebhookRequests.Post(TestFiles.Bytes("strava/webhook-athlete-deauthorize.docs.json")));

        Assert.Equal(new ProviderNotification("strava", "12342176", NotificationKind.Deauthorized), Assert.Single(reading.Notifications));
    }

    [Fact]
    public async Task OtherAthleteUpdate_IsAcceptedAndChangesNothing()
    {
        var body = """{"aspect_type":"update","object_id":1,"object_type":"athlete","owner_id":1,"updates":{"title":"x"}}""";

        var reading = await Read(WebhookRequests.Post(Encoding.UTF8.GetBytes(body)));

        Assert.Equal(200, reading.StatusCode);
        Assert.Empty(reading.Notifications);
    }

    [Theory]
    [InlineData("")]
    [InlineData("not json")]
    [InlineData("[]")]
    [InlineData("""{"aspect_type":"create","object_type":"activity","owner_id":1}""")]
    [InlineData("""{"aspect_type":"create","object_type":"activity","owner_id":"1","object_id":2}""")]
    [InlineData("""{"aspect_type":"create","object_type":"activity","owner_id":1,"object_id":-2}""")]
    [InlineData("""{"aspect_type":"create","object_type":"activity","owner_id":1,"object_id":2.5}""")]
    [InlineData("""{"aspect_type":"explode","object_type":"activity","owner_id":1,"object_id":2}""")]
    [InlineData("""{"aspect_type":"create","object_type":"club","owner_id":1,"object_id":2}""")]
    public async Task MalformedEvent_IsABadRequest_NeverAnException(string body) =>
        Assert.Equal(400, (await Read(WebhookRequests.Post(Encoding.UTF8.GetBytes(body)))).StatusCode);

    [Fact]
    public async Task OversizedEvent_IsRefusedUnread() =>
        Assert.Equal(413, (await Read(WebhookRequests.Post(new byte[100_000]))).StatusCode);
}
