using MassTransit;
using SkinProgress.Contracts;

namespace SkinProgress.Worker.Scoring;

/// <summary>On the scoring queue and under the user's lock, like new events, so a removal never interleaves with them.</summary>
public sealed class EventsRemovedConsumer(EventStore store) : IConsumer<EventsRemoved>
{
    public Task Consume(ConsumeContext<EventsRemoved> context) => store.RemoveAsync(context.Message, context.CancellationToken);
}
