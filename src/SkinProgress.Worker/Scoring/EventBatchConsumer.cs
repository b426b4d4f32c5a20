using MassTransit;
using SkinProgress.Contracts;

namespace SkinProgress.Worker.Scoring;

public sealed class EventBatchConsumer(EventStore store, ILogger<EventBatchConsumer> logger) : IConsumer<EventBatchReceived>
{
    public async Task Consume(ConsumeContext<EventBatchReceived> context)
    {
        var batch = context.Message;
        var days = await store.StoreAsync(batch, context.CancellationToken);
        logger.LogInformation("Scored batch {BatchId} of user {UserId}: {Events} events, {Days} days recomputed",
            batch.BatchId, batch.UserId, batch.Events.Count, days);
    }
}

public sealed class UserTimeZoneChangedConsumer(EventStore store) : IConsumer<UserTimeZoneChanged>
{
    public Task Consume(ConsumeContext<UserTimeZoneChanged> context) =>
        store.RelocateAsync(context.Message.UserId, context.CancellationToken);
}
