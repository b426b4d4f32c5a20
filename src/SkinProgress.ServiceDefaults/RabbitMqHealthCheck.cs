using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Options;
using RabbitMQ.Client;

namespace SkinProgress.ServiceDefaults;

/// <summary>
/// Opens a connection to the broker. The bus's own health only covers receive endpoints, and the Api has
/// none, so without this check readiness would stay green while publishing is impossible. It also reports how
/// many Workers consume each work queue: with none, ingest still accepts (the queue keeps every message), so
/// the check stays healthy, but it says so, and an admin sees a disconnected Worker instead of a green light.
/// </summary>
internal sealed class RabbitMqHealthCheck(IOptions<RabbitMqOptions> options) : IHealthCheck
{
    /// <summary>Where messages that kept failing wait for an admin; their counts are reported, not judged.</summary>
    public static readonly string[] ErrorQueues = ["scoring_error", "summary-runs_error"];

    /// <summary>The queues the Worker consumes.</summary>
    public static readonly string[] WorkQueues = ["scoring", "summary-runs"];

    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        var o = options.Value;
        var factory = new ConnectionFactory
        {
            HostName = o.Host,
            Port = o.Port,
            UserName = o.Username,
            Password = o.Password,
            VirtualHost = o.VirtualHost,
            RequestedConnectionTimeout = TimeSpan.FromSeconds(3),
            ClientProvidedName = "skinprogress-health",
        };
        try
        {
            await using var connection = await factory.CreateConnectionAsync(cancellationToken);
            // A faulted message needs an admin's eye but does not make the service unready, so it is data, not status.
            var data = new Dictionary<string, object>(StringComparer.Ordinal);
            foreach (var queue in ErrorQueues)
            {
                data[queue] = (await InspectAsync(connection, queue, cancellationToken))?.MessageCount ?? 0u;
            }

            var unconsumed = new List<string>();
            foreach (var queue in WorkQueues)
            {
                var consumers = (await InspectAsync(connection, queue, cancellationToken))?.ConsumerCount ?? 0u;
                data[$"{queue}_consumers"] = consumers;
                if (consumers == 0)
                {
                    unconsumed.Add(queue);
                }
            }

            return HealthCheckResult.Healthy(
                unconsumed.Count == 0 ? null : $"No Worker is consuming {string.Join(" and ", unconsumed)}: messages wait in the queue until one connects.",
                data);
        }
        catch (Exception e) when (e is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            return HealthCheckResult.Unhealthy("RabbitMQ is unreachable.", e);
        }
    }

    /// <summary>A queue's counts, or null when it does not exist yet (nothing has used it).</summary>
    private static async Task<QueueDeclareOk?> InspectAsync(IConnection connection, string queue, CancellationToken ct)
    {
        // A passive declare of a missing queue closes the channel, so each queue gets its own.
        await using var channel = await connection.CreateChannelAsync(cancellationToken: ct);
        try
        {
            return await channel.QueueDeclarePassiveAsync(queue, ct);
        }
        catch (RabbitMQ.Client.Exceptions.OperationInterruptedException)
        {
            return null;
        }
    }
}
