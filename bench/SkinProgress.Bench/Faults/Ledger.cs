using System.Collections.Concurrent;
using SkinProgress.Bench.Ingest;

namespace SkinProgress.Bench.Faults;

public readonly record struct DayTotals(int Events, int Meals, double ProteinGrams, double FluidsMl);

/// <summary>
/// The client's own record of every batch that got a 202 — the only truth the verification trusts — and of every
/// batch a request of which went unanswered (the Api was killed while it waited): those are in doubt until a 202
/// settles them. The daily totals must add up to the acknowledged events plus whichever in-doubt batches were stored.
/// </summary>
public sealed class Ledger
{
    private readonly ConcurrentDictionary<long, EventBatch> acked = new();
    private readonly ConcurrentDictionary<long, EventBatch> doubted = new();
    private readonly ConcurrentQueue<DateTimeOffset> ackTimes = new();

    public int AckedBatches => acked.Count;

    public long AckedEvents => acked.Values.Sum(b => (long)b.Count);

    public void Acknowledge(long index, EventBatch batch, DateTimeOffset at)
    {
        acked.TryAdd(index, batch);
        ackTimes.Enqueue(at);
    }

    /// <summary>A request carrying the batch was sent and its answer never came: it may have been accepted, or not.</summary>
    public void Doubt(long index, EventBatch batch) => doubted.TryAdd(index, batch);

    /// <summary>Batches with an unanswered request that never got a 202 afterwards: each may be stored, whole, or not at all.</summary>
    public IReadOnlyList<EventBatch> InDoubt() => [.. doubted.Where(d => !acked.ContainsKey(d.Key)).Select(d => d.Value)];

    /// <summary>Batches with an unanswered request that a later 202 settled: they must be counted, once.</summary>
    public int DoubtsSettled => doubted.Keys.Count(acked.ContainsKey);

    public DateTimeOffset? FirstAckAfter(DateTimeOffset t) => ackTimes.Where(a => a > t).Select(a => (DateTimeOffset?)a).Min();

    /// <summary>Every acknowledged event id, per user index.</summary>
    public Dictionary<int, HashSet<string>> EventIds() => IdsOf(acked.Values);

    /// <summary>Every event id of the given batches, per user index.</summary>
    public static Dictionary<int, HashSet<string>> IdsOf(IEnumerable<EventBatch> batches)
    {
        var ids = new Dictionary<int, HashSet<string>>();
        foreach (var batch in batches)
        {
            var set = ids.TryGetValue(batch.User, out var s) ? s : ids[batch.User] = new HashSet<string>(StringComparer.Ordinal);
            for (var i = 0; i < batch.Count; i++)
            {
                set.Add(EventBatch.EventId(batch.IdPrefix, i));
            }
        }

        return ids;
    }

    /// <summary>
    /// Totals per (user index, day), computed from what was acknowledged and the in-doubt batches found stored,
    /// independently of the Worker's code.
    /// </summary>
    public Dictionary<(int User, DateOnly Date), DayTotals> ExpectedTotals(IEnumerable<EventBatch> storedInDoubt)
    {
        var totals = new Dictionary<(int, DateOnly), DayTotals>();
        foreach (var batch in acked.Values.Concat(storedInDoubt))
        {
            var t = totals.GetValueOrDefault((batch.User, batch.Date));
            totals[(batch.User, batch.Date)] = new DayTotals(t.Events + batch.Count, t.Meals + batch.Figures.Meals,
                t.ProteinGrams + batch.Figures.ProteinGrams, t.FluidsMl + batch.Figures.FluidsMl);
        }

        return totals;
    }
}
