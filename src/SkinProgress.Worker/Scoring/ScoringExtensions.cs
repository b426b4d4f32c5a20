using MassTransit;
using SkinProgress.ServiceDefaults;

namespace SkinProgress.Worker.Scoring;

public static class ScoringExtensions
{
    public const string QueueName = "scoring";

    public static IServiceCollection AddScoring(this IServiceCollection services)
    {
        services.AddScoped<EventStore>();
        return services;
    }

    /// <summary>
    /// One queue for both scoring messages. Transient database errors are retried for minutes, so a
    /// PostgreSQL restart delays scoring instead of failing it; anything else is retried briefly and then
    /// moved to the <c>scoring_error</c> queue with its exception, visible to admins.
    /// </summary>
    public static void AddScoringConsumers(this IBusRegistrationConfigurator bus)
    {
        bus.AddConsumer<EventBatchConsumer>().Endpoint(e => e.Name = QueueName);
        bus.AddConsumer<UserTimeZoneChangedConsumer>().Endpoint(e => e.Name = QueueName);
        bus.AddConfigureEndpointsCallback((_, name, cfg) =>
        {
            if (name != QueueName)
            {
                return;
            }

            cfg.PrefetchCount = 32;
            cfg.ConcurrentMessageLimit = 8;
            cfg.UseMessageRetry(r =>
            {
                // EF Core wraps a transient NpgsqlException in an InvalidOperationException ("likely due to a transient
                // failure"); matching only the outer type sent messages to scoring_error during a PostgreSQL restart.
                r.Handle<Exception>(TransientErrors.IsTransient);
                r.Exponential(30, TimeSpan.FromMilliseconds(200), TimeSpan.FromSeconds(10), TimeSpan.FromMilliseconds(500));
            });
            // Transient errors pass straight through to the policy above: when this one retried them too, its
            // exhausted attempts ended the message (R-FAULT to scoring_error) before the outer policy ever ran.
            cfg.UseMessageRetry(r =>
            {
                r.Ignore<Exception>(TransientErrors.IsTransient);
                r.Intervals(100, 500, 2000);
            });
        });
    }
}
