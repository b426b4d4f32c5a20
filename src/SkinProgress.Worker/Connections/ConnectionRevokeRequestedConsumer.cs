using MassTransit;
using SkinProgress.Connections;
using SkinProgress.Contracts;
using SkinProgress.Data.Connections;

namespace SkinProgress.Worker.Connections;

/// <summary>
/// Revokes a removed connection's grant at the provider with the tokens the message carries (the row no longer has
/// them). An access token the provider no longer takes is refreshed once and the revoke tried again; a provider that
/// still refuses has already ended the grant, which is what a revoke is for. Tokens are never logged.
/// </summary>
public sealed class ConnectionRevokeRequestedConsumer(
    IEnumerable<IConnectionProvider> providers, ConnectionTokens tokens, ILogger<ConnectionRevokeRequestedConsumer> logger)
    : IConsumer<ConnectionRevokeRequested>
{
    public async Task Consume(ConsumeContext<ConnectionRevokeRequested> context)
    {
        var message = context.Message;
        var ct = context.CancellationToken;
        var provider = providers.FirstOrDefault(p => p.Name == message.Provider && p.IsConfigured);
        if (provider is null || tokens.ReadAccessToken(message.ProtectedAccessToken) is not { } accessToken)
        {
            logger.LogInformation("Revoke for connection {ConnectionId} ({Provider}) skipped: no provider or no token", message.ConnectionId, message.Provider);
            return;
        }

        try
        {
            try
            {
                await provider.RevokeAsync(new ProviderSession(message.OwnerId, accessToken), ct);
            }
            catch (ReauthorizationRequiredException) when (tokens.ReadRefreshToken(message.ProtectedRefreshToken) is { } refreshToken)
            {
                var renewed = await provider.RefreshAsync(refreshToken, ct);
                await provider.RevokeAsync(new ProviderSession(message.OwnerId, renewed.AccessToken), ct);
            }

            logger.LogInformation("Connection {ConnectionId} ({Provider}): grant revoked", message.ConnectionId, message.Provider);
        }
        catch (ReauthorizationRequiredException e)
        {
            logger.LogInformation("Connection {ConnectionId} ({Provider}): the provider had already ended the grant ({Reason})",
                message.ConnectionId, message.Provider, e.Message);
        }
    }
}
