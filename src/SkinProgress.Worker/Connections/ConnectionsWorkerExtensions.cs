using MassTransit;
using SkinProgress.Connections;
using SkinProgress.Data.Connections;
using SkinProgress.ServiceDefaults;
using SkinProgress.ServiceDefaults.Jobs;

namespace SkinProgress.Worker.Connections;

public static class ConnectionsWorkerExtensions
{
    public const string QueueName = BrokerQueues.Connections;

    /// <summary>
    /// The Worker's side of provider connections: the providers (with the request budget shared in PostgreSQL), the
    /// session source every call goes through, and the jobs that backfill and defer fetches. Needs Hangfire's storage
    /// and server, which <c>AddSummaries</c> adds.
    /// </summary>
    public static IHostApplicationBuilder AddConnections(this IHostApplicationBuilder builder)
    {
        builder.Services.AddOptions<ConnectionSyncOptions>().Bind(builder.Configuration.GetSection(ConnectionSyncOptions.Section))
            .ValidateDataAnnotations().ValidateOnStart();
        builder.AddConnectionProviders();
        builder.AddSharedRateBudget();
        builder.Services.AddScoped<ConnectionSessions>();
        builder.Services.AddSingleton<ProviderChangesPublisher>();
        builder.Services.AddScoped<NotificationSync>();
        builder.Services.AddScoped<IBackfillConnection, BackfillConnectionJob>();
        builder.Services.AddScoped<IFetchNotification, FetchNotificationJob>();
        builder.Services.AddHostedService<BackfillResumption>();
        return builder;
    }

    /// <summary>
    /// One queue for notifications, new connections and revokes. A provider failure the HTTP pipeline could not outlast
    /// is retried here over minutes, then the message waits in <c>connections_error</c> for an admin; transient database
    /// errors are retried as on the scoring queue.
    /// </summary>
    public static void AddConnectionConsumers(this IBusRegistrationConfigurator bus)
    {
        bus.AddConsumer<ProviderNotifiedConsumer, ProviderNotifiedConsumerDefinition>();
        bus.AddConsumer<ConnectionAuthorizedConsumer>().Endpoint(e => e.Name = QueueName);
        bus.AddConsumer<ConnectionRevokeRequestedConsumer>().Endpoint(e => e.Name = QueueName);
        bus.AddConfigureEndpointsCallback((_, name, cfg) =>
        {
            if (name != QueueName)
            {
                return;
            }

            cfg.UseMessageRetry(r =>
            {
                r.Handle<Exception>(TransientErrors.IsTransient);
                r.Exponential(30, TimeSpan.FromMilliseconds(200), TimeSpan.FromSeconds(10), TimeSpan.FromMilliseconds(500));
            });
            cfg.UseMessageRetry(r =>
            {
                r.Ignore<Exception>(TransientErrors.IsTransient);
                r.Intervals(TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(10), TimeSpan.FromMinutes(1), TimeSpan.FromMinutes(5));
            });
        });
    }
}
