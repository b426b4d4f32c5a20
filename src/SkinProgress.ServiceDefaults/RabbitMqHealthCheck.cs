using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Options;
using RabbitMQ.Client;

namespace SkinProgress.ServiceDefaults;

/// <summary>
/// Opens a connection to the broker. The bus's own health only covers receive endpoints, and the Api has
/// none, so without this check readiness would stay green while publishing is impossible.
/// </summary>
internal sealed class RabbitMqHealthCheck(IOptions<RabbitMqOptions> options) : IHealthCheck
{
    /// <summary>Where messages that kept failing wait for an admin; their counts are reported, not judged.</summary>
    public static readonly string[] ErrorQueues = ["scoring_error", "summary-runs_error"];

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
            return HealthCheckResult.Healthy(data: await CountFaultedAsync(connection, cancellationToken));
        }
        catch (Exception e) when (e is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            return HealthCheckResult.Unhealthy("RabbitMQ is unreachable.", e);
        }
    }

    // A faulted message needs an admin's eye but does not make the service unready, so it is data, not status.
    private static async Task<Dictionary<string, object>> CountFaultedAsync(IConnection connection, CancellationToken ct)
    {
        var counts = new Dictionary<string, object>(StringComparer.Ordinal);
        foreach (var queue in ErrorQueues)
        {
            // A passive declare of a missing queue closes the channel, so each queue gets its own.
            await using var channel = await connection.CreateChannelAsync(cancellationToken: ct);
            try
            {
                counts[queue] = (await channel.QueueDeclarePassiveAsync(queue, ct)).MessageCount;
            }
            catch (RabbitMQ.Client.Exceptions.OperationInterruptedException)
            {
                counts[queue] = 0u; // not created yet: nothing has ever failed there
            }
        }

        return counts;
    }
}
