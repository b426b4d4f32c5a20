using MassTransit;
using SkinProgress.Contracts;

namespace SkinProgress.Worker.Scoring;

public sealed class UserTimeZoneChangedConsumer(EventStore store) : IConsumer<UserTimeZoneChanged>
{
    public Task Consume(ConsumeContext<UserTimeZoneChanged> context) =>
        store.RelocateAsync(context.Message.UserId, context.CancellationToken);
}
