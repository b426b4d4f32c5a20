using MassTransit;

namespace SkinProgress.Worker.Connections;

/// <summary>
/// Notifications are fetched a few at a time: each holds a provider call, and a burst of webhooks (a provider
/// re-sending its backlog) should queue here rather than spend the application's request budget at once.
/// </summary>
public sealed class ProviderNotifiedConsumerDefinition : ConsumerDefinition<ProviderNotifiedConsumer>
{
    public const int ConcurrentFetches = 4;

    public ProviderNotifiedConsumerDefinition()
    {
        EndpointName = ConnectionsWorkerExtensions.QueueName;
        ConcurrentMessageLimit = ConcurrentFetches;
    }
}
