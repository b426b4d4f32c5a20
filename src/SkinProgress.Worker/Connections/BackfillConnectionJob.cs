using Hangfire;
using MassTransit;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using SkinProgress.Connections;
using SkinProgress.Connections.Http;
using SkinProgress.Data;
using SkinProgress.Data.Connections;
using SkinProgress.ServiceDefaults.Jobs;

namespace SkinProgress.Worker.Connections;

/// <summary>
/// A connection's backfill, one chunk of <see cref="ConnectionSyncOptions.BackfillChunkDays"/> at a time, each under the
/// row's lock: fetched, published to scoring (confirmed), then recorded in <c>backfill_days_done</c> in the same
/// transaction, so a run that dies re-fetches at most the chunk it was in, and a second run of the same backfill either
/// waits its turn between chunks or finds the work done. A spent request budget reschedules the job for when the budget
/// has room; a provider failure the retries could not outlast fails the job, which Hangfire retries from the last chunk.
/// </summary>
public sealed class BackfillConnectionJob(
    SkinProgressDbContext db,
    IEnumerable<IConnectionProvider> providers,
    ConnectionSessions sessions,
    ProviderChangesPublisher publisher,
    IBus bus,
    IBackgroundJobClient jobs,
    IOptions<ConnectionSyncOptions> options,
    TimeProvider time,
    ILogger<BackfillConnectionJob> logger) : IBackfillConnection
{
    public async Task RunAsync(Guid connectionId, string provider, CancellationToken ct)
    {
        while (await RunChunkAsync(connectionId, provider, ct))
        {
            db.ChangeTracker.Clear();
        }
    }

    /// <summary>True when there is more to fetch.</summary>
    private async Task<bool> RunChunkAsync(Guid connectionId, string providerName, CancellationToken ct)
    {
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        // Skipped when locked: another run of this backfill is in a chunk, and carries on after it.
        var connection = await db.Connections
            .FromSql($"select * from connections where id = {connectionId} for update skip locked")
            .SingleOrDefaultAsync(ct);
        if (connection is null || connection.State != ConnectionStates.Backfilling || !ConnectionSessions.IsLive(connection))
        {
            return false;
        }

        if (providers.FirstOrDefault(p => p.Name == connection.Provider && p.IsConfigured) is not { } provider)
        {
            logger.LogWarning("Backfill of connection {ConnectionId} left for a Worker that has {Provider} configured", connectionId, connection.Provider);
            return false;
        }

        var total = connection.BackfillDaysTotal;
        var done = connection.BackfillDaysDone;
        var days = Math.Clamp(total - done, 0, options.Value.BackfillChunkDays);
        if (days > 0)
        {
            var from = connection.BackfillFrom.AddDays(done);
            var to = done + days >= total ? connection.BackfillTo : from.AddDays(days);
            ProviderChanges? changes;
            try
            {
                changes = await sessions.CallAsync(connection, provider, session => provider.FetchRangeAsync(session, from, to, ct), ct);
            }
            catch (RateBudgetExhaustedException e)
            {
                jobs.Schedule<IBackfillConnection>(j => j.RunAsync(connectionId, providerName, CancellationToken.None), e.RetryAt);
                logger.LogInformation("Backfill of connection {ConnectionId} ({Provider}) continues at {RetryAt}: the request budget is spent",
                    connectionId, provider.Name, e.RetryAt);
                return false;
            }

            if (changes is null)
            {
                // Refused: the connection is marked as needing re-authorisation, in this transaction.
                await transaction.CommitAsync(ct);
                return false;
            }

            await publisher.PublishAsync(bus, connection, changes, ct);
            logger.LogInformation("Backfill of connection {ConnectionId} ({Provider}): days {From}–{To} of {Total}, {Events} events",
                connectionId, provider.Name, done + 1, done + days, total, changes.Events.Count);
        }

        var now = time.GetUtcNow();
        connection.BackfillDaysDone = done + days;
        connection.LastSyncAt = now;
        connection.UpdatedAt = now;
        if (connection.BackfillDaysDone >= total)
        {
            connection.State = ConnectionStates.Connected;
        }

        await db.SaveChangesAsync(ct);
        await transaction.CommitAsync(ct);
        return connection.State == ConnectionStates.Backfilling;
    }
}
