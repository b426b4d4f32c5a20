using System.Diagnostics;
using SkinProgress.Bench.Measure;

namespace SkinProgress.Bench.Load;

public sealed record WatchedProcess(string Name, int Pid, bool WithChildren);

/// <summary>
/// Samples, in the background, the resident memory of the Api and the Worker (every 250 ms) and the scoring
/// queue's depth (every second, when given a probe), each sample tagged with the phase running at the time.
/// </summary>
public sealed class Monitor(IReadOnlyList<WatchedProcess> processes, QueueProbe? queue) : IAsyncDisposable
{
    private readonly Dictionary<string, Dictionary<string, long>> peakRss = new(StringComparer.Ordinal);
    private readonly List<(string Phase, QueueSample Sample)> depths = [];
    private readonly CancellationTokenSource stop = new();
    private readonly long started = Stopwatch.GetTimestamp();
    private Task? loop;
    private (long Ready, long TakenAt)? lastDepth;

    public string Phase { get; set; } = "setup";

    public void Start() => loop = Task.Run(() => LoopAsync(stop.Token));

    public long PeakRss(string phase, string process)
    {
        lock (peakRss)
        {
            return peakRss.TryGetValue(phase, out var p) ? p.GetValueOrDefault(process) : 0;
        }
    }

    public IReadOnlyList<QueueSample> Depths(string phase)
    {
        lock (depths)
        {
            return depths.Where(d => d.Phase == phase).Select(d => d.Sample).ToList();
        }
    }

    /// <summary>The scoring queue's ready messages at the latest sample, and when it was asked for (a Stopwatch timestamp).</summary>
    public (long Ready, long TakenAt)? LastDepth
    {
        get
        {
            lock (depths)
            {
                return lastDepth;
            }
        }
    }

    /// <summary>CPU seconds of every watched process now; the difference of two snapshots over wall time is its CPU use.</summary>
    public Dictionary<string, double> CpuSnapshot() =>
        processes.ToDictionary(p => p.Name, p => ProcessStats.CpuSeconds(p.Pid, p.WithChildren), StringComparer.Ordinal);

    private async Task LoopAsync(CancellationToken ct)
    {
        var tick = 0;
        using var timer = new PeriodicTimer(TimeSpan.FromMilliseconds(250));
        while (await timer.WaitForNextTickAsync(ct).ConfigureAwait(false))
        {
            var phase = Phase;
            lock (peakRss)
            {
                var peaks = peakRss.TryGetValue(phase, out var p) ? p : peakRss[phase] = new Dictionary<string, long>(StringComparer.Ordinal);
                foreach (var process in processes.Where(p => !p.WithChildren))
                {
                    var rss = ProcessStats.RssBytes(process.Pid) ?? 0;
                    peaks[process.Name] = Math.Max(peaks.GetValueOrDefault(process.Name), rss);
                }
            }

            var asked = Stopwatch.GetTimestamp();
            if (tick++ % 4 == 0 && queue is not null && await queue.DepthAsync("scoring", ct) is { } depth)
            {
                lock (depths)
                {
                    depths.Add((phase, new QueueSample(Stopwatch.GetElapsedTime(started), depth.Ready, depth.Consumers)));
                    lastDepth = (depth.Ready, asked);
                }
            }
        }
    }

    public async ValueTask DisposeAsync()
    {
        await stop.CancelAsync();
        try
        {
            if (loop is not null)
            {
                await loop;
            }
        }
        catch (OperationCanceledException)
        {
            // Stopped on purpose.
        }

        stop.Dispose();
    }
}
