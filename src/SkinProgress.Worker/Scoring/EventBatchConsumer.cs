using MassTransit;
using SkinProgress.Contracts;
using SkinProgress.Events;

namespace SkinProgress.Worker.Scoring;

/// <summary>
/// Stores a message's events, and never lets one event take its siblings down: an event the contract refuses, or
/// that the database still cannot hold, goes to <c>scoring_error</c> alone, with its reason, and the rest are
/// counted. The message is acknowledged only after both: a crash in between redelivers it, and storing is
/// idempotent.
/// </summary>
public sealed class EventBatchConsumer(GroupCommitter committer, TimeProvider time) : IConsumer<EventBatchReceived>
{
    public async Task Consume(ConsumeContext<EventBatchReceived> context)
    {
        try
        {
            await ScoreAsync(context);
        }
        catch
        {
            ScoringMetrics.FailedMessages.Add(1);
            throw;
        }
    }

    private async Task ScoreAsync(ConsumeContext<EventBatchReceived> context)
    {
        var batch = context.Message;

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
            var refused = await committer.StoreAsync(valid.Count == batch.Events.Count ? batch : batch with { Events = valid }, context.CancellationToken);
            ScoringMetrics.ScoredEvents.Add(valid.Count - refused.Count);
            ScoringMetrics.QueueWait.Record((time.GetUtcNow() - batch.ReceivedAt).TotalSeconds);
            rejected.AddRange(refused);
        }

        if (rejected.Count > 0)
        {
            await RejectedEvents.SendAsync(context, batch with { Events = [.. rejected.Select(r => r.Event)] }, rejected, time);
            ScoringMetrics.RejectedEvents.Add(rejected.Count);
        }
    }
}
