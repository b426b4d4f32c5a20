using System.Threading.Channels;
using Microsoft.Extensions.Options;
using SkinProgress.Contracts;
using SkinProgress.ServiceDefaults;

namespace SkinProgress.Worker.Scoring;

/// <summary>
/// Group commit for scoring. Each consumer hands its message over and waits; a writer takes every message that has
/// queued up meanwhile (up to <see cref="ScoringOptions.MaxMessagesPerCommit"/>) and stores them in one
/// transaction. Under load a transaction and its WAL flush are shared by many messages; when idle a message is
/// stored alone, at once. A message is acknowledged only after its transaction committed, because its consumer
/// returns only then: a crash loses nothing that was acknowledged.
/// </summary>
public sealed class GroupCommitter(IServiceScopeFactory scopes, IOptions<ScoringOptions> options, ILogger<GroupCommitter> logger)
    : BackgroundService
{
    private readonly Channel<Pending> queue = Channel.CreateUnbounded<Pending>();

    public Task StoreAsync(EventBatchReceived batch, CancellationToken ct)
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
        try
        {
            var days = await StoreInOwnScopeAsync(group.Select(p => p.Batch).ToList(), ct);
            group.ForEach(p => p.Stored.TrySetResult());
            logger.LogInformation("Scored {Messages} messages with {Events} events: {Days} days recomputed",
                group.Count, group.Sum(p => p.Batch.Events.Count), days);
        }
        catch (Exception e) when (group.Count > 1 && !TransientErrors.IsTransient(e) && !ct.IsCancellationRequested)
        {
            // One bad message must not hold back the others: store each alone, so that only the bad one fails,
            // is retried and ends in the error queue.
            logger.LogWarning(e, "A group of {Messages} messages failed; storing them one by one", group.Count);
            foreach (var pending in group)
            {
                try
                {
                    await StoreInOwnScopeAsync([pending.Batch], ct);
                    pending.Stored.TrySetResult();
                }
                catch (Exception single)
                {
                    pending.Stored.TrySetException(single);
                }
            }
        }
        catch (Exception e)
        {
            // Transient (the database is restarting) or shutting down: every message is retried by its consumer.
            group.ForEach(p => p.Stored.TrySetException(e));
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

        // Completed by a writer: the consumer's continuation must not run on (and hold up) the writer's thread.
        public TaskCompletionSource Stored { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
    }
}
