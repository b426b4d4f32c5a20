using Microsoft.EntityFrameworkCore;
using SkinProgress.Data;
using SkinProgress.Data.Connections;

namespace SkinProgress.Api.Connections;

public sealed record BackfillProgress(int DaysDone, int DaysTotal);

/// <summary>
/// One configured provider as a person sees it: <c>not_connected</c>, or the state of their live connection with when
/// it was made, its last sync, the events it brought in the last 7 days and, while backfilling, how far it got.
/// </summary>
public sealed record ConnectionStatus(
    string Provider,
    string DisplayName,
    string State,
    DateTimeOffset? ConnectedAt,
    DateTimeOffset? LastSyncAt,
    BackfillProgress? Backfill,
    int EventsLast7Days)
{
    /// <summary>Every configured provider for a user, in the providers' order, with the live connections' states.</summary>
    public static async Task<IReadOnlyList<ConnectionStatus>> ForUserAsync(
        Guid userId, ConnectionProviders providers, SkinProgressDbContext db, TimeProvider time, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(providers);
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(time);
        var live = await LiveAsync(db, userId, time, ct);
        return [.. providers.Configured.Select(p => live.FirstOrDefault(c => c.Provider == p.Name) is { } c
            ? c with { DisplayName = p.DisplayName }
            : new ConnectionStatus(p.Name, p.DisplayName, ConnectionStates.NotConnected, null, null, null, 0))];
    }

    /// <summary>A user's live connections, configured or not (for admins); <c>DisplayName</c> is the provider's name.</summary>
    public static async Task<IReadOnlyList<ConnectionStatus>> LiveAsync(SkinProgressDbContext db, Guid userId, TimeProvider time, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(time);
        var weekAgo = time.GetUtcNow().AddDays(-7);
        var rows = await db.Connections.AsNoTracking().Where(c => c.UserId == userId && c.RemovedAt == null).OrderBy(c => c.Provider)
            .Select(c => new
            {
                Connection = c,
                Recent = db.RawEvents.Count(e => e.UserId == userId && e.DeviceId == c.DeviceId && e.ReceivedAt >= weekAgo),
            })
            .ToListAsync(ct);
        return [.. rows.Select(r => From(r.Connection, r.Recent))];
    }

    private static ConnectionStatus From(Connection c, int recent) => new(
        c.Provider,
        c.Provider,
        c.State,
        c.ConnectedAt,
        c.LastSyncAt,
        c.State == ConnectionStates.Backfilling ? new BackfillProgress(Math.Min(c.BackfillDaysDone, c.BackfillDaysTotal), c.BackfillDaysTotal) : null,
        recent);
}
