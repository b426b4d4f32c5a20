using System.Collections.Concurrent;
using SkinProgress.Bench.Ingest;

namespace SkinProgress.Bench.Faults;

public readonly record struct DayTotals(int Events, int Meals, double ProteinGrams, double FluidsMl);

/// <summary>
/// The client's own record of every batch that got a 202 — the only truth the verification trusts — and the
/// daily totals those events must add up to.
/// </summary>
public sealed class Ledger
{
    private readonly ConcurrentDictionary<long, EventBatch> acked = new();
    private readonly ConcurrentQueue<DateTimeOffset> ackTimes = new();

    public int AckedBatches => acked.Count;

    public long AckedEvents => acked.Values.Sum(b => (long)b.Count);

    public void Acknowledge(long index, EventBatch batch, DateTimeOffset at)
    {
        acked.TryAdd(index, batch);
        ackTimes.Enqueue(at);
    }

    public DateTimeOffset? FirstAckAfter(DateTimeOffset t) => ackTimes.Where(a => a > t).Select(a => (DateTimeOffset?)a).Min();

    /// <summary>Every acknowledged event id, per user index.</summary>
    public Dictionary<int, HashSet<string>> EventIds()
    {
        var ids = new Dictionary<int, HashSet<string>>();
        foreach (var batch in acked.Values)
        {
            var set = ids.TryGetValue(batch.User, out var s) ? s : ids[batch.User] = new HashSet<string>(StringComparer.Ordinal);
            for (var i = 0; i < batch.Count; i++)
            {
                set.Add(EventBatch.EventId(batch.IdPrefix, i));
            }
        }

        return ids;
    }

    /// <summary>Totals per (user index, day), computed from what was acknowledged, independently of the Worker's code.</summary>
    public Dictionary<(int User, DateOnly Date), DayTotals> ExpectedTotals()
    {
        var totals = new Dictionary<(int, DateOnly), DayTotals>();
        foreach (var batch in acked.Values)
        {
            var t = totals.GetValueOrDefault((batch.User, batch.Date));
            totals[(batch.User, batch.Date)] = new DayTotals(t.Events + batch.Count, t.Meals + batch.Figures.Meals,
                t.ProteinGrams + batch.Figures.ProteinGrams, t.FluidsMl + batch.Figures.FluidsMl);
        }

        return totals;
    }
}
