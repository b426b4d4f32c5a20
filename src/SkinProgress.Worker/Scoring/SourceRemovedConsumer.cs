using MassTransit;
using SkinProgress.Contracts;

namespace SkinProgress.Worker.Scoring;

/// <summary>On the scoring queue and under the user's lock, like new events, so a removal never interleaves with them.</summary>
public sealed class SourceRemovedConsumer(EventStore store) : IConsumer<SourceRemoved>
{
    public Task Consume(ConsumeContext<SourceRemoved> context) => store.RemoveSourceAsync(context.Message, context.CancellationToken);
}
