using Microsoft.EntityFrameworkCore;
using SkinProgress.Api.Ingest;
using SkinProgress.Contracts;
using SkinProgress.Data;
using SkinProgress.Data.Connections;

namespace SkinProgress.Api.Connections;

public enum RemovalOutcome
{
    Removed,
    NotConnected,
    BrokerUnavailable,
}

/// <summary>
/// Disconnecting, from the JSON API and from the page alike. Both messages are published before the row changes, so a
/// broker outage leaves the connection as it was and a retry repeats the whole removal: the events leave through the
/// scoring path (<see cref="SourceRemoved"/>), the Worker revokes at the provider with the tokens the message carries
/// (<see cref="ConnectionRevokeRequested"/>), and only then does the row lose its tokens.
/// </summary>
public sealed class ConnectionRemoval(SkinProgressDbContext db, BatchPublisher publisher, TimeProvider time)
{
    public async Task<RemovalOutcome> RemoveAsync(Guid userId, string provider, CancellationToken ct)
    {
        var connection = await db.Connections.FirstOrDefaultAsync(c => c.UserId == userId && c.Provider == provider && c.RemovedAt == null, ct);
        if (connection is null)
        {
            return RemovalOutcome.NotConnected;
        }

        var now = time.GetUtcNow();
        if (!await publisher.TryPublishAsync(new SourceRemoved(userId, connection.DeviceId, now), ct)
            || !await publisher.TryPublishAsync(RevokeOf(connection, now), ct))
        {
            return RemovalOutcome.BrokerUnavailable;
        }

        ConnectionTokens.Forget(connection);
        connection.RemovedAt = now;
        connection.UpdatedAt = now;
        await db.SaveChangesAsync(ct);
        return RemovalOutcome.Removed;
    }

    /// <summary>
    /// Before a user is erased: a revoke for each live connection, carrying its protected tokens, since the erasure
    /// deletes the rows that hold them. False when the broker refused, and nothing may be erased yet.
    /// </summary>
    public async Task<bool> RevokeAllAsync(Guid userId, CancellationToken ct)
    {
        var now = time.GetUtcNow();
        var live = await db.Connections.AsNoTracking().Where(c => c.UserId == userId && c.RemovedAt == null).ToListAsync(ct);
        foreach (var connection in live)
        {
            if (!await publisher.TryPublishAsync(RevokeOf(connection, now), ct))
            {
                return false;
            }
        }

        return true;
    }

    private static ConnectionRevokeRequested RevokeOf(Connection c, DateTimeOffset now) =>
        new(c.Id, c.UserId, c.Provider, c.OwnerId, c.ProtectedAccessToken, c.ProtectedRefreshToken, now);
}
