using MassTransit;
using Microsoft.Extensions.Options;
using SkinProgress.ServiceDefaults;

namespace SkinProgress.Worker.Scoring;

public static class ScoringExtensions
{
    public const string QueueName = BrokerQueues.Scoring;

    /// <summary>
    /// Call before the bus is added: hosted services stop in reverse order, so the bus stops taking messages
    /// before the group committer stops storing them.
    /// </summary>
    public static IHostApplicationBuilder AddScoring(this IHostApplicationBuilder builder)
    {
        builder.Services.AddOptions<ScoringOptions>().Bind(builder.Configuration.GetSection(ScoringOptions.Section))
            .ValidateDataAnnotations().ValidateOnStart();
        builder.Services.AddScoped<EventStore>();
        builder.Services.AddSingleton<GroupCommitter>();
        builder.Services.AddHostedService(sp => sp.GetRequiredService<GroupCommitter>());
        return builder;
    }

    /// <summary>
    /// One queue for every scoring message: event batches (alone or coalesced by the Api), removals, time-zone and
    /// source-priority changes. Transient database errors are retried for minutes, so a
    /// PostgreSQL restart delays scoring instead of failing it; anything else is retried briefly and then
    /// moved to the <c>scoring_error</c> queue with its exception, visible to admins.
    /// </summary>
    public static void AddScoringConsumers(this IBusRegistrationConfigurator bus)
    {
        bus.AddConsumer<EventBatchConsumer>().Endpoint(e => e.Name = QueueName);
        bus.AddConsumer<UserTimeZoneChangedConsumer>().Endpoint(e => e.Name = QueueName);
        bus.AddConsumer<UserSourcePrioritiesChangedConsumer>().Endpoint(e => e.Name = QueueName);
        bus.AddConsumer<EventsRemovedConsumer>().Endpoint(e => e.Name = QueueName);
        bus.AddConsumer<SourceRemovedConsumer>().Endpoint(e => e.Name = QueueName);
        bus.AddConfigureEndpointsCallback((context, name, cfg) =>
        {
            if (name != QueueName)
            {
                return;
            }

            // Many messages in flight at once is what lets the group committer share a transaction among them.
            var scoring = context.GetRequiredService<IOptions<ScoringOptions>>().Value;
            cfg.ConcurrentMessageLimit = scoring.ConcurrentMessages;
            cfg.PrefetchCount = scoring.ConcurrentMessages;
            cfg.UseMessageRetry(r =>
            {
                // EF Core wraps a transient NpgsqlException in an InvalidOperationException ("likely due to a transient
                // failure"); matching only the outer type sent messages to scoring_error during a PostgreSQL restart.
                r.Handle<Exception>(TransientErrors.IsTransient);
                r.Exponential(30, TimeSpan.FromMilliseconds(200), TimeSpan.FromSeconds(10), TimeSpan.FromMilliseconds(500));
            });
            // Transient errors pass straight through to the policy above: when this one retried them too, its
            // exhausted attempts ended the message (to scoring_error) before the outer policy ever ran.
            cfg.UseMessageRetry(r =>
            {
                r.Ignore<Exception>(TransientErrors.IsTransient);
                r.Intervals(100, 500, 2000);
            });
        });
    }
}
