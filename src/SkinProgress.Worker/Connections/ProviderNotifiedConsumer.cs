using MassTransit;
using SkinProgress.Contracts;

namespace SkinProgress.Worker.Connections;

/// <summary>Acknowledged only once everything the notification caused is published and confirmed.</summary>
public sealed class ProviderNotifiedConsumer(NotificationSync sync) : IConsumer<ProviderNotified>
{
    public Task Consume(ConsumeContext<ProviderNotified> context) => sync.HandleAsync(context.Message, context, context.CancellationToken);
}
