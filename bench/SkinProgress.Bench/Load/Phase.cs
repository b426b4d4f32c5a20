using System.Diagnostics;
using SkinProgress.Bench.Ingest;
using SkinProgress.Bench.Measure;

namespace SkinProgress.Bench.Load;

/// <summary>The figures of one phase, from its first request to the last of its events committed.</summary>
public sealed record PhaseResult(
    string Name,
    long AckedEvents,
    SendCounters Counters,
    TimeSpan Sending,
    TimeSpan ToLastCommit,
    bool Drained,
    IReadOnlyDictionary<string, double> CpuPercent,
    IReadOnlyList<double> LatenciesMs)
{
    public double EventsPerSecond => ToLastCommit.TotalSeconds > 0 ? AckedEvents / ToLastCommit.TotalSeconds : 0;
}

/// <summary>
/// Drives one phase. Every phase writes to its own range of dates, so "all its events are counted in the daily
/// totals" is a sum over that range (event_count counts every report, merged or not), and commit times of the range
/// belong to that phase alone. With <c>sources</c> &gt; 1, <c>devices</c> holds that many per
/// user (see <see cref="DeviceFleet"/>), and each of a user's devices reports its own mirror of the same day.
/// </summary>
public sealed class Phase(
    string name,
    IReadOnlyList<BenchDevice> devices,
    DateOnly firstDate,
    int batchSize,
    int batchesPerUserDay,
    HttpClient http,
    ScoringDatabase database,
    Monitor monitor,
    int sources = 1)
{
    private long lastIndex = -1;

    private DateOnly LastDate => DateFor(Math.Max(0, Interlocked.Read(ref lastIndex)));

    private DateOnly DateFor(long k) => firstDate.AddDays((int)(k / devices.Count / batchesPerUserDay));

    private EventBatch BatchFor(long k) =>
        EventBatch.Create((int)(k % devices.Count), DateFor(k), $"{name[0]}{k}", batchSize, (int)(k % devices.Count % sources));

    /// <summary>Closed loop: <paramref name="senders"/> devices at a time, each sending its next batch as soon as the last got its 202.</summary>
    public async Task<PhaseResult> ClosedLoopAsync(int senders, TimeSpan duration, TimeSpan drainTimeout, CancellationToken ct)
    {
        var (client, started, cpu) = Begin();
        long acked = 0;
        var deadline = DateTimeOffset.UtcNow + duration;
        await Task.WhenAll(Enumerable.Range(0, senders).Select(_ => Task.Run(async () =>
        {
            while (DateTimeOffset.UtcNow < deadline && !ct.IsCancellationRequested)
            {
                var batch = BatchFor(Interlocked.Increment(ref lastIndex));
                if ((await client.SendUntilAcceptedAsync(devices[batch.User], batch, deadline + drainTimeout, ct)).AcceptedAt is not null)
                {
                    Interlocked.Add(ref acked, batch.Count);
                }
            }
        }, ct)));
        return await FinishAsync(client, started, cpu, acked, drainTimeout, null, ct);
    }

    /// <summary>
    /// Open loop at a fixed rate, every batch on its own (user, day), so the commit time of that day row is the
    /// commit of that batch: latency = commit − 202. A Worker that commits before the 202 reaches the client counts 0.
    /// </summary>
    public async Task<PhaseResult> FixedRateAsync(double batchesPerSecond, TimeSpan duration, TimeSpan drainTimeout, CancellationToken ct)
    {
        var (client, started, cpu) = Begin();
        var count = Math.Max(1, (int)(batchesPerSecond * duration.TotalSeconds));
        var acks = new DateTimeOffset?[count];
        var batches = new EventBatch[count];
        using var inFlight = new SemaphoreSlim(512);
        var sends = new List<Task>(count);
        var clock = Stopwatch.StartNew();
        var deadline = DateTimeOffset.UtcNow + duration + drainTimeout;
        for (var k = 0; k < count && !ct.IsCancellationRequested; k++)
        {
            var due = TimeSpan.FromSeconds(k / batchesPerSecond) - clock.Elapsed;
            if (due > TimeSpan.Zero)
            {
                await Task.Delay(due, ct);
            }

            await inFlight.WaitAsync(ct);
            var index = k;
            Interlocked.Exchange(ref lastIndex, k);
            batches[k] = BatchFor(k);
            sends.Add(Task.Run(async () =>
            {
                try
                {
                    acks[index] = (await client.SendUntilAcceptedAsync(devices[batches[index].User], batches[index], deadline, ct)).AcceptedAt;
                }
                finally
                {
                    inFlight.Release();
                }
            }, ct));
        }

        await Task.WhenAll(sends);
        var acked = acks.Count(a => a is not null) * (long)batchSize;
        var latencies = new List<double>(count);
        return await FinishAsync(client, started, cpu, acked, drainTimeout, async () =>
        {
            var commits = await database.CommitTimesAsync(firstDate, LastDate, ct);
            for (var k = 0; k < count; k++)
            {
                if (acks[k] is { } ack && commits.TryGetValue((devices[batches[k].User].UserId, batches[k].Date), out var commit))
                {
                    latencies.Add(Math.Max(0, (commit - ack).TotalMilliseconds));
                }
            }

            return latencies;
        }, ct);
    }

    private (IngestClient Client, long Started, Dictionary<string, double> Cpu) Begin()
    {
        monitor.Phase = name;
        return (new IngestClient(http, new SendCounters(), TimeSpan.FromSeconds(1)), Stopwatch.GetTimestamp(), monitor.CpuSnapshot());
    }

    private async Task<PhaseResult> FinishAsync(IngestClient client, long started, Dictionary<string, double> cpuBefore, long acked,
        TimeSpan drainTimeout, Func<Task<List<double>>>? latencies, CancellationToken ct)
    {
        var startedAt = DateTimeOffset.UtcNow - Stopwatch.GetElapsedTime(started);
        var sending = Stopwatch.GetElapsedTime(started);
        var drained = false;
        var waitUntil = Stopwatch.GetTimestamp();
        while (Stopwatch.GetElapsedTime(waitUntil) < drainTimeout && !ct.IsCancellationRequested)
        {
            if (await database.CountedEventsAsync(firstDate, LastDate, ct) >= acked)
            {
                drained = true;
                break;
            }

            await Task.Delay(100, ct);
        }

        var wall = Stopwatch.GetElapsedTime(started).TotalSeconds;
        var cpuAfter = monitor.CpuSnapshot();
        var cpu = cpuAfter.ToDictionary(c => c.Key, c => (c.Value - cpuBefore.GetValueOrDefault(c.Key)) / wall * 100, StringComparer.Ordinal);
        var commits = await database.CommitTimesAsync(firstDate, LastDate, ct);
        var lastCommit = commits.Count == 0 ? DateTimeOffset.UtcNow : commits.Values.Max();
        var measured = latencies is null ? [] : await latencies();
        monitor.Phase = "idle";
        return new PhaseResult(name, acked, client.Counters, sending, lastCommit - startedAt, drained, cpu, measured);
    }
}
