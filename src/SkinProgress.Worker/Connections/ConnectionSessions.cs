using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using SkinProgress.Connections;
using SkinProgress.Data;
using SkinProgress.Data.Connections;

namespace SkinProgress.Worker.Connections;

/// <summary>
/// Every provider call the Worker makes for a connection goes through here. A connection that is removed or needs
/// re-authorisation gets no call at all; a token about to expire is refreshed first (under the row's lock, since a
/// refresh token is good once) and the new tokens stored; a refused grant, from a refresh or from a call, marks the
/// connection <see cref="ConnectionStates.ReauthorizationRequired"/>, after which nothing is called for it again.
/// </summary>
public sealed class ConnectionSessions(
    SkinProgressDbContext db, ConnectionTokens tokens, TimeProvider time, IOptions<ConnectionSyncOptions> options, ILogger<ConnectionSessions> logger)
{
    public static bool IsLive(Connection connection)
    {
        ArgumentNullException.ThrowIfNull(connection);
        return connection.RemovedAt is null && connection.State != ConnectionStates.ReauthorizationRequired && connection.ProtectedAccessToken is not null;
    }

    /// <summary>
    /// Runs <paramref name="call"/> with a current session; null when the connection is not live or the provider refused
    /// its grant. A call refused with a token our clock still held valid (revoked or expired early at the provider) is
    /// tried once more after a refresh, so only a refused refresh, or a refusal of fresh tokens, ends the grant.
    /// </summary>
    public async Task<T?> CallAsync<T>(Connection connection, IConnectionProvider provider, Func<ProviderSession, Task<T>> call, CancellationToken ct)
        where T : class
    {
        ArgumentNullException.ThrowIfNull(connection);
        ArgumentNullException.ThrowIfNull(provider);
        ArgumentNullException.ThrowIfNull(call);
        if (!IsLive(connection))
        {
            return null;
        }

        try
        {
            if (NeedsRefresh(connection) && !await RefreshAsync(connection, provider, refusedAccessToken: null, ct))
            {
                return null;
            }

            try
            {
                return await call(Session(connection));
            }
            catch (ReauthorizationRequiredException e) when (connection.ProtectedRefreshToken is not null)
            {
                logger.LogInformation("Connection {ConnectionId} ({Provider}): the access token was refused ({Reason}); refreshing once",
                    connection.Id, provider.Name, e.Message);
                return await RefreshAsync(connection, provider, connection.ProtectedAccessToken, ct) ? await call(Session(connection)) : null;
            }
        }
        catch (ReauthorizationRequiredException e)
        {
            connection.State = ConnectionStates.ReauthorizationRequired;
            connection.UpdatedAt = time.GetUtcNow();
            await db.SaveChangesAsync(ct);
            logger.LogWarning("Connection {ConnectionId} ({Provider}) needs re-authorisation: {Reason}", connection.Id, provider.Name, e.Message);
            return null;
        }
    }

    private ProviderSession Session(Connection connection) => new(connection.OwnerId, tokens.ReadAccessToken(connection.ProtectedAccessToken)!);

    private bool NeedsRefresh(Connection connection) =>
        connection.ExpiresAt is { } expiresAt && expiresAt - time.GetUtcNow() < options.Value.RefreshBefore;

    /// <summary>
    /// Refreshes under the row's lock (in the caller's transaction when it has one), re-reading the row first: another
    /// Worker may have refreshed meanwhile, and then only its refresh token is good. False when the connection is no
    /// longer live.
    /// </summary>
    private async Task<bool> RefreshAsync(Connection connection, IConnectionProvider provider, string? refusedAccessToken, CancellationToken ct)
    {
        await using var own = db.Database.CurrentTransaction is null ? await db.Database.BeginTransactionAsync(ct) : null;
        await db.Database.ExecuteSqlAsync($"select 1 from connections where id = {connection.Id} for update", ct);
        await db.Entry(connection).ReloadAsync(ct);
        if (!IsLive(connection))
        {
            return false;
        }

        if (NeedsRefresh(connection) || (refusedAccessToken is not null && connection.ProtectedAccessToken == refusedAccessToken))
        {
            var refreshToken = tokens.ReadRefreshToken(connection.ProtectedRefreshToken)
                ?? throw new ReauthorizationRequiredException($"{provider.DisplayName} issued no refresh token and the access token is no longer accepted.");
            var renewed = await provider.RefreshAsync(refreshToken, ct);
            // A provider that answers a refresh without a new refresh token keeps the old one working.
            tokens.Store(connection, renewed.AccessToken, renewed.RefreshToken ?? refreshToken, renewed.ExpiresAt);
            connection.UpdatedAt = time.GetUtcNow();
            await db.SaveChangesAsync(ct);
            logger.LogInformation("Connection {ConnectionId} ({Provider}): tokens refreshed", connection.Id, provider.Name);
        }

        if (own is not null)
        {
            await own.CommitAsync(ct);
        }

        return true;
    }
}
