using MassTransit;
using SkinProgress.Connections;
using SkinProgress.Contracts;
using SkinProgress.Data.Connections;

namespace SkinProgress.Worker.Connections;

/// <summary>
/// Fetched changes onto the scoring path, as the connection's device with the provider as source: new and edited
/// events as <see cref="EventBatchReceived"/>, the provider's deletions as <see cref="EventsRemoved"/>. Each publish is
/// mandatory and awaited to its confirm, so a caller that returns has handed every change to a queue.
/// </summary>
public sealed class ProviderChangesPublisher(TimeProvider time)
{
    /// <summary>Events per message: an ingest request's limit, so a backfill chunk scores like any batch.</summary>
    public const int EventsPerBatch = 1000;

    public async Task PublishAsync(IPublishEndpoint endpoint, Connection connection, ProviderChanges changes, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(endpoint);
        ArgumentNullException.ThrowIfNull(connection);
        ArgumentNullException.ThrowIfNull(changes);
        var now = time.GetUtcNow();
        foreach (var events in changes.Events.Chunk(EventsPerBatch))
        {
            await endpoint.Publish(
                new EventBatchReceived(Guid.CreateVersion7(now), connection.UserId, connection.DeviceId, connection.Provider, now, events),
                c => c.Mandatory = true, ct);
        }

        if (changes.RemovedIds.Count > 0)
        {
            await RemoveAsync(endpoint, connection, changes.RemovedIds, ct);
        }
    }

    public Task RemoveAsync(IPublishEndpoint endpoint, Connection connection, IReadOnlyList<string> ids, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(endpoint);
        ArgumentNullException.ThrowIfNull(connection);
        return endpoint.Publish(new EventsRemoved(connection.UserId, connection.DeviceId, connection.Provider, ids, time.GetUtcNow()), c => c.Mandatory = true, ct);
    }
}
