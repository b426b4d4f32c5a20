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
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        var factory = BrokerQueues.Factory(options.Value, "skinprogress-health");
        try
        {
            await using var connection = await factory.CreateConnectionAsync(cancellationToken);
            // A faulted message needs an admin's eye but does not make the service unready, so it is data, not status.
            var data = new Dictionary<string, object>(StringComparer.Ordinal);
            foreach (var queue in BrokerQueues.ErrorQueues)
            {
                data[queue] = (await BrokerQueues.InspectAsync(connection, queue, cancellationToken))?.MessageCount ?? 0u;
            }

            var unconsumed = new List<string>();
            foreach (var queue in BrokerQueues.WorkQueues)
            {
                var consumers = (await BrokerQueues.InspectAsync(connection, queue, cancellationToken))?.ConsumerCount ?? 0u;
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
}
