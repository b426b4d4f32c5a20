using MassTransit;
using SkinProgress.Contracts;
using SkinProgress.ServiceDefaults.Jobs;

namespace SkinProgress.Worker.Connections;

/// <summary>A notification deferred until the provider's request budget has room again.</summary>
public sealed class FetchNotificationJob(NotificationSync sync, IBus bus) : IFetchNotification
{
    public Task RunAsync(ProviderNotified notification, CancellationToken ct) => sync.HandleAsync(notification, bus, ct);
}
