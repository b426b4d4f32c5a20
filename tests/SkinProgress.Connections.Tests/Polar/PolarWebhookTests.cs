using System.Text;
using SkinProgress.Connections.Polar;

namespace SkinProgress.Connections.Tests.Polar;

public class PolarWebhookTests
{
    private const string Secret = "polar-signature-secret-0f9e";

    private static Task<WebhookReading> Read(byte[] body, string? signature)
    {
        var headers = signature is null ? [] : new[] { (PolarWebhook.SignatureHeader, signature) };
        return PolarWebhook.ReadAsync(WebhookRequests.Post(body, "application/json", headers), Secret, CancellationToken.None);
    }

    [Fact]
    public async Task SignedExerciseEvent_NamesTheExerciseAndItsUser()
    {
        var body = TestFiles.Bytes("polar/webhook-exercise.docs.json");

        var reading = await Read(body, PolarWebhook.Sign(body, Secret));

        Assert.Equal(200, reading.StatusCode);
        Assert.Equal(new ProviderNotification("polar", "475", NotificationKind.ObjectChanged, "aQlC83"), Assert.Single(reading.Notifications));
    }

    [Fact]
    public async Task SignedPing_IsAnsweredOk_WithNothingToFetch()
    {
        var body = TestFiles.Bytes("polar/webhook-ping.docs.json");

        var reading = await Read(body, PolarWebhook.Sign(body, Secret));

        Assert.Equal(200, reading.StatusCode);
        Assert.Empty(reading.Notifications);
    }

    [Fact]
    public async Task Signature_IsComparedAsHex_WhateverItsCase()
    {
        var body = TestFiles.Bytes("polar/webhook-exercise.docs.json");

        Assert.Equal(200, (await Read(body, PolarWebhook.Sign(body, Secret).ToUpperInvariant())).StatusCode);
    }

    [Fact]
    public async Task SignatureWithAnotherSecret_IsUnauthorized_AndNamesNothing()
    {
        var body = TestFiles.Bytes("polar/webhook-exercise.docs.json");

        var reading = await Read(body, PolarWebhook.Sign(body, "another secret"));

        Assert.Equal(401, reading.StatusCode);
        Assert.Empty(reading.Notifications);
    }

    [Fact]
    public async Task BodyChangedAfterSigning_IsUnauthorized()
    {
        var body = TestFiles.Bytes("polar/webhook-exercise.docs.json");
        var signature = PolarWebhook.Sign(body, Secret);

        var tampered = Encoding.UTF8.GetBytes(Encoding.UTF8.GetString(body).Replace("475", "476", StringComparison.Ordinal));

        Assert.Equal(401, (await Read(tampered, signature)).StatusCode);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("zz")]
    [InlineData("not-hex-not-hex-not-hex-not-hex-not-hex-not-hex-not-hex-not-hex!")]
    public async Task MissingOrMalformedSignature_IsUnauthorized(string? signature) =>
        Assert.Equal(401, (await Read(TestFiles.Bytes("polar/webhook-exercise.docs.json"), signature)).StatusCode);

    [Fact]
    public async Task NoConfiguredSecret_RefusesEvenASignatureOverAnEmptySecret()
    {
        var body = TestFiles.Bytes("polar/webhook-ping.docs.json");
        var request = WebhookRequests.Post(body, "application/json", (PolarWebhook.SignatureHeader, PolarWebhook.Sign(body, "")));

        Assert.Equal(401, (await PolarWebhook.ReadAsync(request, "", CancellationToken.None)).StatusCode);
    }

    [Theory]
    [InlineData("not json")]
    [InlineData("""{"event":"EXERCISE","user_id":"475","entity_id":"aQlC83"}""")]
    [InlineData("""{"event":"EXERCISE","user_id":475,"entity_id":"../../users"}""")]
    [InlineData("""{"event":"EXERCISE","user_id":475}""")]
    [InlineData("""{"user_id":475,"entity_id":"aQlC83"}""")]
    public async Task SignedButMalformed_IsABadRequest(string json)
    {
        var body = Encoding.UTF8.GetBytes(json);

        Assert.Equal(400, (await Read(body, PolarWebhook.Sign(body, Secret))).StatusCode);
    }
}
