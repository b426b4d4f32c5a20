using MassTransit;
using SkinProgress.Contracts;

namespace SkinProgress.Worker.Scoring;

public sealed class UserSourcePrioritiesChangedConsumer(EventStore store) : IConsumer<UserSourcePrioritiesChanged>
{
    public Task Consume(ConsumeContext<UserSourcePrioritiesChanged> context) =>
        store.RecomputeUserAsync(context.Message.UserId, context.CancellationToken);
}
