using System.Text.Json;
using Microsoft.AspNetCore.Authentication.OAuth;
using Microsoft.AspNetCore.Http;
using SkinProgress.Connections;

namespace SkinProgress.IntegrationTests.Connections;

/// <summary>
/// A provider for the tests of the connection plumbing alone, until the real providers' stand-ins replace it: OAuth at
/// <see cref="LoopbackOAuthServer"/> with PKCE; webhooks answer a GET with its <c>challenge</c>, and take a POST only
/// with <see cref="Secret"/> in <c>X-Loopback-Secret</c>, reading <c>{"owner": "...", "object": "..."}</c>. It
/// fetches nothing: that is the Worker's part.
/// </summary>
public sealed class LoopbackConnectionProvider(string authorizationServer) : IConnectionProvider
{
    public const string ProviderName = "loopback";
    public const string Secret = "loopback-webhook-secret";

    public string Name => ProviderName;

    public string DisplayName => "Loopback";

    public bool IsConfigured => true;

    public int Connected { get; private set; }

    public void ConfigureOAuth(OAuthOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.ClientId = LoopbackOAuthServer.ClientId;
        options.ClientSecret = LoopbackOAuthServer.ClientSecret;
        options.AuthorizationEndpoint = $"{authorizationServer}/authorize";
        options.TokenEndpoint = $"{authorizationServer}/token";
        options.UsePkce = true;
    }

    public string ReadOwnerId(OAuthCreatingTicketContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        return context.TokenResponse.Response!.RootElement.GetProperty("owner_id").GetString()!;
    }

    public Task OnConnectedAsync(ProviderSession session, CancellationToken cancellationToken)
    {
        Connected++;
        return Task.CompletedTask;
    }

    public async Task<WebhookReading> ReadWebhookAsync(HttpRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (HttpMethods.IsGet(request.Method))
        {
            return request.Query["challenge"] is [{ Length: > 0 } challenge]
                ? WebhookReading.Challenge(JsonSerializer.Serialize(new { challenge }))
                : WebhookReading.Refused(StatusCodes.Status400BadRequest);
        }

        if (request.Headers["X-Loopback-Secret"] != Secret)
        {
            return WebhookReading.Refused(StatusCodes.Status401Unauthorized);
        }

        try
        {
            using var body = await JsonDocument.ParseAsync(request.Body, cancellationToken: cancellationToken);
            return body.RootElement.TryGetProperty("owner", out var owner) && owner.ValueKind == JsonValueKind.String
                ? WebhookReading.Accepted([new ProviderNotification(Name, owner.GetString()!, NotificationKind.ObjectChanged,
                    body.RootElement.TryGetProperty("object", out var id) ? id.ToString() : null)])
                : WebhookReading.Refused(StatusCodes.Status400BadRequest);
        }
        catch (JsonException)
        {
            return WebhookReading.Refused(StatusCodes.Status400BadRequest);
        }
    }

    public Task<ProviderChanges> FetchAsync(ProviderSession session, ProviderNotification notification, CancellationToken cancellationToken) =>
        throw new NotSupportedException("The connection plumbing's tests fetch nothing.");

    public Task<ProviderChanges> FetchRangeAsync(ProviderSession session, DateTimeOffset from, DateTimeOffset to, CancellationToken cancellationToken) =>
        throw new NotSupportedException("The connection plumbing's tests fetch nothing.");

    public Task<TokenSet> RefreshAsync(string refreshToken, CancellationToken cancellationToken) =>
        throw new NotSupportedException("The connection plumbing's tests refresh nothing.");

    public Task RevokeAsync(ProviderSession session, CancellationToken cancellationToken) =>
        throw new NotSupportedException("The connection plumbing's tests revoke nothing.");
}
