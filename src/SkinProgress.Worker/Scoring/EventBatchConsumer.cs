using MassTransit;
using SkinProgress.Contracts;
using SkinProgress.Events;

namespace SkinProgress.Worker.Scoring;

/// <summary>
/// Stores a message's events, and never lets one event take its siblings down: an event the contract refuses, or
/// that the database still cannot hold, goes to <c>scoring_error</c> alone, with its reason, and the rest are
/// counted. The message is acknowledged only after both: a crash in between redelivers it, and storing is
/// idempotent.
/// <para>
/// A message from the Api carries the batches of several requests (<see cref="EventBatchesReceived"/>); imports and
/// messages queued before the Api coalesced are single batches. Each batch is handed to the group committer as a
/// message of its own would be, so groups, the per-message fallback and the error queue see requests, not the
/// envelope that carried them; a batch's refused events go to <c>scoring_error</c> as that batch, with its user,
/// device and source.
/// </para>
/// </summary>
public sealed class EventBatchConsumer(GroupCommitter committer, TimeProvider time) : IConsumer<EventBatchReceived>, IConsumer<EventBatchesReceived>
{
    public Task Consume(ConsumeContext<EventBatchReceived> context) => ConsumeAsync(context, [context.Message]);

    public Task Consume(ConsumeContext<EventBatchesReceived> context) => ConsumeAsync(context, context.Message.Batches);

    private async Task ConsumeAsync(ConsumeContext context, IReadOnlyList<EventBatchReceived> batches)
    {
        try
        {
            await ScoreAsync(context, batches);
        }
        catch
        {
            ScoringMetrics.FailedMessages.Add(1);
            throw;
        }
    }

    private async Task ScoreAsync(ConsumeContext context, IReadOnlyList<EventBatchReceived> batches)
    {
        // Every batch is handed over before any is awaited, so the message's batches can share one commit.
        var rejected = await Task.WhenAll(batches.Select(batch => StoreAsync(batch, context.CancellationToken)).ToList());

        // Only once every batch is stored: a retry of the message after a transient failure stores again (no
        // change) and sends the refused events then, once.
        for (var i = 0; i < batches.Count; i++)
        {
            if (rejected[i].Count > 0)
            {
                await RejectedEvents.SendAsync(context, batches[i] with { Events = [.. rejected[i].Select(r => r.Event)] }, rejected[i], time);
                ScoringMetrics.RejectedEvents.Add(rejected[i].Count);
            }
        }
    }

    private async Task<List<RejectedEvent>> StoreAsync(EventBatchReceived batch, CancellationToken ct)
    {
        // Checked again with the same rules and the same "now" the Api used: a message may come from an older Api, a
        // replay from the error queue, or a provider fetch, and one bad event must not fail the whole group commit.
        var rejected = new List<RejectedEvent>();
        var valid = new List<HealthEvent>(batch.Events.Count);
        foreach (var e in batch.Events)
        {
            var validation = EventValidator.Validate(e, batch.ReceivedAt);
            if (validation.IsValid)
            {
                valid.Add(e);
            }
            else
            {
                rejected.Add(new RejectedEvent(e, string.Join("; ", validation.Errors.Select(f => $"{f.Key}: {string.Join(" ", f.Value)}"))));
            }
        }

        if (valid.Count > 0)
        {
            var refused = await committer.StoreAsync(valid.Count == batch.Events.Count ? batch : batch with { Events = valid }, ct);
            ScoringMetrics.ScoredEvents.Add(valid.Count - refused.Count);
            ScoringMetrics.QueueWait.Record((time.GetUtcNow() - batch.ReceivedAt).TotalSeconds);
            rejected.AddRange(refused);
        }

        return rejected;
    }
}
