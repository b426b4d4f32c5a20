using System.Diagnostics;
using System.Threading.Channels;
using MassTransit;
using Microsoft.Extensions.Options;
using SkinProgress.Api.Operations;
using SkinProgress.Contracts;
using SkinProgress.ServiceDefaults;

namespace SkinProgress.Api.Ingest;

/// <summary>
/// Group commit for ingest's publishes. A request hands its batch over and waits; a publisher takes every batch
/// that has queued up meanwhile and publishes them as one <see cref="EventBatchesReceived"/>, then answers each
/// request from that message's publisher confirm. When idle a request's batch goes out alone, at once; under load
/// the broker and the Worker pay their price per message once for many requests. A message carries at most as many
/// events and as many bytes of event JSON as one request may send, so it is never larger than a single full
/// request's message, which the broker and the Worker already take.
/// <para>
/// Every request still waits at most <see cref="RabbitMqOptions.PublishTimeout"/>: a message is given the time its
/// oldest request has left, and a request whose time ran out before a publisher took it is refused unpublished.
/// A refused request is answered 503 with nothing accepted: its batch was in no message the broker confirmed into a
/// queue.
/// </para>
/// <para>
/// The publish runs outside every request, so it would belong to no request's trace. It is a span of its own that
/// continues the trace of the message's first request and links the others': a request published alone (the idle
/// case) reads as one trace from the HTTP request to the Worker's commit, and under load every request's trace
/// still leads to the message that carried it.
/// </para>
/// </summary>
public sealed class EventBatchCoalescer(
    IBus bus, IOptions<RabbitMqOptions> rabbit, IOptions<IngestOptions> options, TimeProvider time, ILogger<EventBatchCoalescer> logger)
    : BackgroundService
{
    /// <summary>Most events in one message: as many as one request may send.</summary>
    public const int MaxEventsPerMessage = IngestEndpoints.MaxEvents;

    /// <summary>Most bytes of the requests' event JSON in one message: as many as one request's body may hold.</summary>
    public const int MaxEventBytesPerMessage = IngestEndpoints.MaxBodyBytes;

    private readonly Channel<Pending> queue = Channel.CreateUnbounded<Pending>();

    /// <summary>
    /// Publishes the request's batch, coalesced with others', and returns whether the broker confirmed the message
    /// that carries it. <paramref name="eventBytes"/> is the size of its events' JSON as the request sent them.
    /// </summary>
    public async Task<bool> TryPublishAsync(EventBatchReceived batch, int eventBytes, CancellationToken requestAborted)
    {
        ArgumentNullException.ThrowIfNull(batch);
        var pending = new Pending(batch, eventBytes, time.GetUtcNow() + rabbit.Value.PublishTimeout, requestAborted);
        if (!queue.Writer.TryWrite(pending))
        {
            // Shutting down: nothing will publish it.
            Refuse(pending);
        }

        return await pending.Published.Task.WaitAsync(requestAborted);
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        try
        {
            await Task.WhenAll(Enumerable.Range(0, options.Value.PublishesInFlight).Select(_ => PublishLoopAsync(stoppingToken)));
        }
        finally
        {
            // The web server has finished its requests before this stops; whatever is left gets its 503.
            queue.Writer.TryComplete();
            while (queue.Reader.TryRead(out var left))
            {
                Refuse(left);
            }
        }
    }

    private async Task PublishLoopAsync(CancellationToken stoppingToken)
    {
        var group = new List<Pending>();
        Pending? carried = null;
        try
        {
            while (carried is not null || await queue.Reader.WaitToReadAsync(stoppingToken))
            {
                group.Clear();
                int events = 0, bytes = 0;
                var now = time.GetUtcNow();
                while (carried is not null || queue.Reader.TryRead(out carried))
                {
                    var next = carried;
                    if (next.RequestAborted.IsCancellationRequested)
                    {
                        // Nobody waits for the answer: not publishing it is the answer the client can least mistake.
                        next.Published.TrySetCanceled(next.RequestAborted);
                    }
                    else if (next.Deadline <= now)
                    {
                        Refuse(next);
                    }
                    else if (group.Count > 0 && (events + next.Batch.Events.Count > MaxEventsPerMessage || bytes + next.EventBytes > MaxEventBytesPerMessage))
                    {
                        // It starts the next message, which the loop publishes as soon as this one is confirmed.
                        break;
                    }
                    else
                    {
                        group.Add(next);
                        events += next.Batch.Events.Count;
                        bytes += next.EventBytes;
                    }

                    carried = null;
                }

                if (group.Count > 0)
                {
                    await PublishAsync(group);
                }
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // Stopping: the queue is emptied by the caller.
        }
        finally
        {
            if (carried is not null)
            {
                Refuse(carried);
            }
        }
    }

    private async Task PublishAsync(List<Pending> group)
    {
        using var activity = StartPublishActivity(group);
        // Deliberately not the stopping token: a message already on its way is seen through to its confirm.
        var left = group.Min(p => p.Deadline) - time.GetUtcNow();
        using var timeout = new CancellationTokenSource(left > TimeSpan.Zero ? left : TimeSpan.Zero, time);
        try
        {
            // Mandatory: a confirm alone also comes for a message no queue took (the Worker has not yet bound this type,
            // as after an upgrade of the Api alone); the broker then returns it, and the requests get their 503.
            await bus.Publish(new EventBatchesReceived([.. group.Select(p => p.Batch)]), c => c.Mandatory = true, timeout.Token);
            IngestMetrics.RequestsPerMessage.Observe(group.Count);
            group.ForEach(p => p.Published.TrySetResult(true));
        }
        catch (Exception e)
        {
            activity?.SetStatus(ActivityStatusCode.Error, e.Message);
            logger.LogWarning(e, "Publishing the batches of {Requests} requests failed; each is answered 503", group.Count);
            group.ForEach(Refuse);
        }
    }

    private static Activity? StartPublishActivity(List<Pending> group)
    {
        if (!ApiTelemetry.Source.HasListeners())
        {
            return null;
        }

        var links = group.Skip(1).Where(p => p.Trace != default).Select(p => new ActivityLink(p.Trace)).ToList();
        var activity = ApiTelemetry.Source.StartActivity("ingest publish", ActivityKind.Internal, group[0].Trace, links: links);
        activity?.SetTag("messaging.batch.message_count", group.Count);
        return activity;
    }

    private static void Refuse(Pending pending)
    {
        if (pending.Published.TrySetResult(false))
        {
            IngestMetrics.BrokerRefusals.Inc();
        }
    }

    private sealed class Pending(EventBatchReceived batch, int eventBytes, DateTimeOffset deadline, CancellationToken requestAborted)
    {
        public EventBatchReceived Batch { get; } = batch;

        public int EventBytes { get; } = eventBytes;

        public DateTimeOffset Deadline { get; } = deadline;

        public CancellationToken RequestAborted { get; } = requestAborted;

        /// <summary>The request's span, read on the request's side of the channel.</summary>
        public ActivityContext Trace { get; } = Activity.Current?.Context ?? default;

        // Completed by a publisher: the request's continuation must not run on (and hold up) the publisher's thread.
        public TaskCompletionSource<bool> Published { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
    }
}
