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
            return connection.IsOpen ? HealthCheckResult.Healthy() : HealthCheckResult.Unhealthy("RabbitMQ connection closed.");
        }
        catch (Exception e) when (e is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            return HealthCheckResult.Unhealthy("RabbitMQ is unreachable.", e);
        }
    }
}
