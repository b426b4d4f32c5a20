using MassTransit;
using Microsoft.Extensions.Options;
using SkinProgress.Api.Operations;
using SkinProgress.ServiceDefaults;

namespace SkinProgress.Api.Ingest;

/// <summary>
/// Publishes and waits for the broker's publisher confirm, within a time limit. Returns false when the
/// broker is unreachable, so the caller can answer 503 knowing nothing was accepted.
/// </summary>
public sealed class BatchPublisher(IPublishEndpoint publish, IOptions<RabbitMqOptions> options, ILogger<BatchPublisher> logger)
{
    public async Task<bool> TryPublishAsync<T>(T message, CancellationToken requestAborted)
        where T : class
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(requestAborted);
        timeout.CancelAfter(options.Value.PublishTimeout);
        try
        {
            await publish.Publish(message, timeout.Token);
            return true;
        }
        catch (Exception e) when (!requestAborted.IsCancellationRequested)
        {
            IngestMetrics.BrokerRefusals.Inc();
            logger.LogWarning(e, "Publishing {MessageType} failed", typeof(T).Name);
            return false;
        }
    }
}
