using MassTransit;
using Microsoft.Extensions.Options;
using SkinProgress.Api.Operations;
using SkinProgress.ServiceDefaults;

namespace SkinProgress.Api.Ingest;

/// <summary>
/// Publishes and waits for the broker's publisher confirm, within a time limit. Returns false when the
/// broker is unreachable, so the caller can answer 503 knowing nothing was accepted. Mandatory, as the coalescer's
/// publishes are: a confirm alone also comes for a message no queue took (a Worker that has not yet bound its type),
/// which the broker then returns, and the caller answers 503 instead of accepting what nobody will consume.
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
            await publish.Publish(message, c => c.Mandatory = true, timeout.Token);
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
