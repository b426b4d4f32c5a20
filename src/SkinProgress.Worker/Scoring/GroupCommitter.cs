using System.Diagnostics;
using System.Threading.Channels;
using Microsoft.Extensions.Options;
using SkinProgress.Contracts;
using SkinProgress.ServiceDefaults;
using SkinProgress.Validation;

namespace SkinProgress.Worker.Scoring;

/// <summary>
/// Group commit for scoring. Each consumer hands its message over and waits; a writer takes every message that has
/// queued up meanwhile (up to <see cref="ScoringOptions.MaxMessagesPerCommit"/>) and stores them in one
/// transaction. Under load a transaction and its WAL flush are shared by many messages; when idle a message is
/// stored alone, at once. A message is acknowledged only after its transaction committed, because its consumer
/// returns only then: a crash loses nothing that was acknowledged. A group that fails for good is stored message by
/// message, and a message that still fails is split until the events the database refuses stand alone: those are
/// handed back as rejected, and every other event is stored.
/// <para>
/// The writer works outside every consume call, so its database commands would belong to no trace. A commit is a
/// span of its own that continues the trace of the group's first message and links the others': a message stored
/// alone (the idle case) reads as one trace from the HTTP request to the commit, and under load every message's
/// trace still leads to the commit that stored it.
/// </para>
/// </summary>
public sealed class GroupCommitter(IServiceScopeFactory scopes, IOptions<ScoringOptions> options, ILogger<GroupCommitter> logger)
    : BackgroundService
{
    private readonly Channel<Pending> queue = Channel.CreateUnbounded<Pending>();

    /// <summary>Stores the message's events and returns those that cannot be stored (normally none).</summary>
    public Task<IReadOnlyList<RejectedEvent>> StoreAsync(EventBatchReceived batch, CancellationToken ct)
    {
        var pending = new Pending(batch);
        if (!queue.Writer.TryWrite(pending))
        {
            throw new InvalidOperationException("Scoring is shutting down.");
        }

        return pending.Stored.Task.WaitAsync(ct);
    }

    protected override Task ExecuteAsync(CancellationToken stoppingToken) =>
        Task.WhenAll(Enumerable.Range(0, options.Value.Writers).Select(_ => WriteAsync(stoppingToken)));

    private async Task WriteAsync(CancellationToken ct)
    {
        var group = new List<Pending>(options.Value.MaxMessagesPerCommit);
        while (await queue.Reader.WaitToReadAsync(ct))
        {
            group.Clear();
            while (group.Count < options.Value.MaxMessagesPerCommit && queue.Reader.TryRead(out var pending))
            {
                group.Add(pending);
            }

            if (group.Count > 0)
            {
                await CommitAsync(group, ct);
            }
        }
    }

    private async Task CommitAsync(List<Pending> group, CancellationToken ct)
    {
        using var activity = StartCommitActivity(group);
        try
        {
            var days = await StoreInOwnScopeAsync(group.Select(p => p.Batch).ToList(), ct);
            group.ForEach(p => p.Stored.TrySetResult([]));
            logger.LogInformation("Scored {Messages} messages with {Events} events: {Days} days recomputed",
                group.Count, group.Sum(p => p.Batch.Events.Count), days);
        }
        catch (Exception e) when (!TransientErrors.IsTransient(e) && !ct.IsCancellationRequested)
        {
            // One bad event must not hold back the others: each message is stored alone, and split where it fails.
            logger.LogWarning(e, "A group of {Messages} messages failed; storing them one by one", group.Count);
            foreach (var pending in group)
            {
                await IsolateAsync(pending, ct);
            }
        }
        catch (Exception e)
        {
            // Transient (the database is restarting) or shutting down: every message is retried by its consumer.
            activity?.SetStatus(ActivityStatusCode.Error, e.Message);
            group.ForEach(p => p.Stored.TrySetException(e));
        }
    }

    private static Activity? StartCommitActivity(List<Pending> group)
    {
        if (!WorkerTelemetry.Source.HasListeners())
        {
            return null;
        }

        // The batches of one coalesced message share its consume span: one link each is enough.
        var links = group.Skip(1).Select(p => p.Trace).Where(t => t != default && t != group[0].Trace).Distinct()
            .Select(t => new ActivityLink(t)).ToList();
        var activity = WorkerTelemetry.Source.StartActivity("scoring commit", ActivityKind.Internal, group[0].Trace, links: links);
        activity?.SetTag("messaging.batch.message_count", group.Count);
        return activity;
    }

    private async Task IsolateAsync(Pending pending, CancellationToken ct)
    {
        try
        {
            pending.Stored.TrySetResult(await StoreOrSplitAsync(pending.Batch, ct));
        }
        catch (Exception e)
        {
            // Transient, or shutting down: the consumer retries the whole message, and storing again changes nothing.
            pending.Stored.TrySetException(e);
        }
    }

    /// <summary>
    /// Halves a failing message until each refused event stands alone: a few transactions for one bad event among
    /// a thousand, instead of one each. Halves keep delivery order, so a later version of an event still wins.
    /// </summary>
    private async Task<IReadOnlyList<RejectedEvent>> StoreOrSplitAsync(EventBatchReceived batch, CancellationToken ct)
    {
        try
        {
            await StoreInOwnScopeAsync([batch], ct);
            return [];
        }
        catch (Exception e) when (!TransientErrors.IsTransient(e) && !ct.IsCancellationRequested)
        {
            if (batch.Events.Count == 1)
            {
                logger.LogWarning(e, "Event {EventId} of batch {BatchId} cannot be stored", TextRules.Printable(batch.Events[0].Id ?? ""), batch.BatchId);
                return [new RejectedEvent(batch.Events[0], e.GetBaseException().Message)];
            }

            var half = batch.Events.Count / 2;
            var first = await StoreOrSplitAsync(batch with { Events = [.. batch.Events.Take(half)] }, ct);
            var second = await StoreOrSplitAsync(batch with { Events = [.. batch.Events.Skip(half)] }, ct);
            return [.. first, .. second];
        }
    }

    private async Task<int> StoreInOwnScopeAsync(IReadOnlyList<EventBatchReceived> batches, CancellationToken ct)
    {
        await using var scope = scopes.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<EventStore>().StoreAsync(batches, ct);
    }

    private sealed class Pending(EventBatchReceived batch)
    {
        public EventBatchReceived Batch { get; } = batch;

        /// <summary>The consume span handing the message over, read on the consumer's side of the channel.</summary>
        public ActivityContext Trace { get; } = Activity.Current?.Context ?? default;

        // Completed by a writer: the consumer's continuation must not run on (and hold up) the writer's thread.
        public TaskCompletionSource<IReadOnlyList<RejectedEvent>> Stored { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
    }
}
