using MassTransit;
using SkinProgress.Contracts;

namespace SkinProgress.Worker.Scoring;

/// <summary>
/// New priorities can change which report counts on any day, so every day of the user is computed again. Relocating in
/// the unchanged zone moves no event and names every day, which is exactly that.
/// </summary>
public sealed class UserSourcePrioritiesChangedConsumer(EventStore store) : IConsumer<UserSourcePrioritiesChanged>
{
    public Task Consume(ConsumeContext<UserSourcePrioritiesChanged> context) =>
        store.RelocateAsync(context.Message.UserId, context.CancellationToken);
}
