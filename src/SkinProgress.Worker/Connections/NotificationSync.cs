using Hangfire;
using MassTransit;
using Microsoft.EntityFrameworkCore;
using SkinProgress.Connections;
using SkinProgress.Connections.Http;
using SkinProgress.Contracts;
using SkinProgress.Data;
using SkinProgress.Data.Connections;
using SkinProgress.ServiceDefaults.Jobs;

namespace SkinProgress.Worker.Connections;

/// <summary>
/// What a verified webhook's notification causes, for live connections only: a deauthorisation removes the connection
/// and its events, a deletion removes the object's events, anything else is fetched with the owner's token and handed
/// to scoring. Returns once every publish is confirmed; the events carry the provider's ids, so fetching the same
/// notification again replaces rather than adds.
/// </summary>
public sealed class NotificationSync(
    SkinProgressDbContext db,
    IEnumerable<IConnectionProvider> providers,
    ConnectionSessions sessions,
    ProviderChangesPublisher publisher,
    IBackgroundJobClient jobs,
    TimeProvider time,
    ILogger<NotificationSync> logger)
{
    public async Task HandleAsync(ProviderNotified message, IPublishEndpoint endpoint, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(message);
        var connection = await db.Connections.FirstOrDefaultAsync(c => c.Id == message.ConnectionId, ct);
        var provider = providers.FirstOrDefault(p => p.Name == message.Provider && p.IsConfigured);
        if (connection is null || provider is null || !ConnectionSessions.IsLive(connection) || !Enum.TryParse<NotificationKind>(message.Kind, out var kind))
        {
            logger.LogInformation("Notification for connection {ConnectionId} ({Provider}, {Kind}) ignored: the connection is not live",
                message.ConnectionId, message.Provider, message.Kind);
            return;
        }

        switch (kind)
        {
            case NotificationKind.Deauthorized:
                // Published before the row changes: a crash in between repeats the removal, never loses it.
                await endpoint.Publish(new SourceRemoved(connection.UserId, connection.DeviceId, time.GetUtcNow()), c => c.Mandatory = true, ct);
                ConnectionTokens.Forget(connection);
                connection.RemovedAt = time.GetUtcNow();
                connection.UpdatedAt = connection.RemovedAt.Value;
                await db.SaveChangesAsync(ct);
                return;
            case NotificationKind.ObjectDeleted when message.ObjectId is { } deleted:
                await publisher.RemoveAsync(endpoint, connection, [deleted], ct);
                return;
        }

        var notification = new ProviderNotification(message.Provider, message.OwnerId, kind, message.ObjectId, message.From, message.To);
        ProviderChanges? changes;
        try
        {
            changes = await sessions.CallAsync(connection, provider, session => provider.FetchAsync(session, notification, ct), ct);
        }
        catch (RateBudgetExhaustedException e)
        {
            // Held here, the message would wait out the window on a consumer's slot; Hangfire holds it instead.
            jobs.Schedule<IFetchNotification>(j => j.RunAsync(message, CancellationToken.None), e.RetryAt);
            logger.LogInformation("Notification for connection {ConnectionId} ({Provider}) deferred to {RetryAt}: the request budget is spent",
                connection.Id, provider.Name, e.RetryAt);
            return;
        }

        if (changes is null)
        {
            return;
        }

        await publisher.PublishAsync(endpoint, connection, changes, ct);
        connection.LastSyncAt = time.GetUtcNow();
        connection.UpdatedAt = connection.LastSyncAt.Value;
        await db.SaveChangesAsync(ct);
    }
}
