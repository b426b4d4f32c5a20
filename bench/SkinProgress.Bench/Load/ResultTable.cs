using System.Globalization;

namespace SkinProgress.Bench.Load;

/// <summary>The one table of the benchmark (Markdown, so bench/README.md can quote it as printed), then the detail.</summary>
public static class ResultTable
{
    private const double Mb = 1024 * 1024;

    public static void Print(TextWriter o, Limits limits, int users, int batchSize, IReadOnlyList<PhaseResult> phases, double latencyRate,
        long apiPeakRss, long workerPeakRss, Monitor monitor, IReadOnlyList<WatchedProcess> processes, int sources,
        IReadOnlyList<SettleResult> settled)
    {
        var (batched, single, latency) = (phases[0], phases[1], phases[2]);
        var p50 = Percentile(latency.LatenciesMs, 0.50);
        var p99 = Percentile(latency.LatenciesMs, 0.99);
        var batchedRatio = Ratio(batched.EventsPerSecond, limits.DedupInsertRowsPerSecond);
        var singleRatio = Ratio(single.EventsPerSecond, limits.BrokerConfirmedMsgPerSecond);

        o.WriteLine();
        o.WriteLine(Inv($"limits (same run): broker publish+confirm {F(limits.BrokerConfirmedMsgPerSecond)} msg/s, COPY {F(limits.CopyRowsPerSecond)} rows/s, de-duplicating insert {F(limits.DedupInsertRowsPerSecond)} rows/s"));
        o.WriteLine();
        o.WriteLine("| figure | measured | limit (same run) | ratio | target | result |");
        o.WriteLine("|---|---|---|---|---|---|");
        o.WriteLine(Inv($"| batched ingest, {batchSize}/request, {users} users, request → daily totals committed | {F(batched.EventsPerSecond)} events/s | de-dup insert {F(limits.DedupInsertRowsPerSecond)} rows/s | {batchedRatio:F2} | ≥ 0.60 | {Verdict(batchedRatio >= 0.6 && batched.Drained)} |"));
        if (phases.Count > 3)
        {
            // Issue 12: merging may cost at most 10 % of the single-source batched throughput of the same run.
            var multi = phases[3];
            var multiRatio = Ratio(multi.EventsPerSecond, batched.EventsPerSecond);
            o.WriteLine(Inv($"| batched ingest, {sources} sources per user reporting the same days (merged when scored), {users} more users | {F(multi.EventsPerSecond)} events/s | single-source batched {F(batched.EventsPerSecond)} events/s | {multiRatio:F2} | ≥ 0.90 | {Verdict(multiRatio >= 0.9 && multi.Drained)} |"));
        }

        o.WriteLine(Inv($"| single-event requests, end to end | {F(single.EventsPerSecond)} events/s | broker confirm {F(limits.BrokerConfirmedMsgPerSecond)} msg/s | {singleRatio:F2} | ≥ 0.50 | {Verdict(singleRatio >= 0.5 && single.Drained)} |"));
        o.WriteLine(Inv($"| latency 202 → daily total committed, p50, at {F(latencyRate)} events/s (½ batched max) | {p50:F0} ms | — | — | ≤ 50 ms | {Verdict(p50 <= 50 && latency.Drained)} |"));
        o.WriteLine(Inv($"| latency p99 (max {Percentile(latency.LatenciesMs, 1):F0} ms, {latency.LatenciesMs.Count} batches) | {p99:F0} ms | — | — | ≤ 500 ms | {Verdict(p99 <= 500 && latency.Drained)} |"));
        o.WriteLine(Inv($"| Api memory, peak RSS under batched load | {apiPeakRss / Mb:F0} MB | — | — | ≤ 300 MB | {Verdict(apiPeakRss > 0 && apiPeakRss <= 300 * Mb)} |"));
        o.WriteLine(Inv($"| Worker memory, peak RSS under batched load | {workerPeakRss / Mb:F0} MB | — | — | ≤ 400 MB | {Verdict(workerPeakRss > 0 && workerPeakRss <= 400 * Mb)} |"));
        o.WriteLine("| weekly summaries, 100,000 users × 6 weeks, compiled and emailed | not measured in this mode (`bench/run.sh --summaries 100000`) | — | — | ≤ 5 min | — |");
        o.WriteLine();

        o.WriteLine("CPU per process, % of one core (2 cores = 200 %), from /proc/<pid>/stat over each phase (first request → last commit):");
        o.WriteLine();
        WriteProcessRows(o, phases, processes, (p, name) => Inv($"{p.CpuPercent.GetValueOrDefault(name):F0} %"));

        o.WriteLine();
        o.WriteLine("CPU time per event acknowledged, µs of one core (what each event costs the machine, whatever the pace):");
        o.WriteLine();
        WriteProcessRows(o, phases, processes, (p, name) => Inv($"{CpuMicrosPerEvent(p, name):F0}"));

        var perEvent = phases.Select(p => processes.Sum(x => CpuMicrosPerEvent(p, x.Name))).ToList();
        o.WriteLine("| **all** | " + string.Join(" | ", perEvent.Select(us => Inv($"**{us:F0}**"))) + " |");
        o.WriteLine(Inv($"| events/s {Environment.ProcessorCount} cores carry at that cost | ")
            + string.Join(" | ", perEvent.Select(us => F(us > 0 ? Environment.ProcessorCount * 1e6 / us : 0))) + " |");

        o.WriteLine();
        o.WriteLine("Requests and the scoring queue (ready messages, sampled every second):");
        o.WriteLine();
        o.WriteLine("| phase | events acknowledged | requests | 202 | 503 | other 5xx/429 | connection errors | sending | to last commit | queue depth max | queue depth over time |");
        o.WriteLine("|---|---|---|---|---|---|---|---|---|---|---|");
        foreach (var p in phases)
        {
            var depths = monitor.Depths(p.Name);
            var series = string.Join(" ", depths.Where((_, i) => i % Math.Max(1, depths.Count / 20) == 0).Select(d => d.Ready.ToString(CultureInfo.InvariantCulture)));
            o.WriteLine(Inv($"| {p.Name} | {F(p.AckedEvents)} | {F(p.Counters.Requests)} | {F(p.Counters.Accepted)} | {F(p.Counters.Refused503)} | {F(p.Counters.ServerErrors)} | {F(p.Counters.ConnectionErrors + p.Counters.Unanswered)} | {p.Sending.TotalSeconds:F1} s | {p.ToLastCommit.TotalSeconds:F1} s{(p.Drained ? "" : " (NOT drained)")} | {(depths.Count == 0 ? 0 : depths.Max(d => d.Ready))} | {series} |"));
        }

        o.WriteLine();
        o.WriteLine("Settling before a phase (VACUUM (ANALYZE), CHECKPOINT, then until no autovacuum worker runs and the scoring queue is empty): what the phases before it left PostgreSQL to do, counted in neither:");
        o.WriteLine();
        o.WriteLine("| before | took | PostgreSQL CPU | quiet |");
        o.WriteLine("|---|---|---|---|");
        foreach (var s in settled)
        {
            o.WriteLine(Inv($"| {s.Before} | {s.Took.TotalSeconds:F1} s | {s.PostgresCpuSeconds:F1} s | {(s.Quiet ? "yes" : "NO (timed out)")} |"));
        }

        o.WriteLine();
    }

    public static double Percentile(IReadOnlyList<double> values, double q)
    {
        if (values.Count == 0)
        {
            return double.NaN;
        }

        var sorted = values.Order().ToArray();
        return sorted[Math.Clamp((int)Math.Ceiling(q * sorted.Length) - 1, 0, sorted.Length - 1)];
    }

    /// <summary>A table with a row per process and a column per phase.</summary>
    private static void WriteProcessRows(
        TextWriter o, IReadOnlyList<PhaseResult> phases, IReadOnlyList<WatchedProcess> processes, Func<PhaseResult, string, string> cell)
    {
        o.WriteLine("| process | " + string.Join(" | ", phases.Select(p => p.Name)) + " |");
        o.WriteLine("|---|" + string.Concat(phases.Select(_ => "---|")));
        foreach (var process in processes)
        {
            o.WriteLine($"| {process.Name} | " + string.Join(" | ", phases.Select(p => cell(p, process.Name))) + " |");
        }
    }

    private static double CpuMicrosPerEvent(PhaseResult phase, string process) =>
        phase.AckedEvents > 0 ? phase.CpuPercent.GetValueOrDefault(process) / 100 * phase.ToLastCommit.TotalSeconds * 1e6 / phase.AckedEvents : 0;

    private static double Ratio(double value, double limit) => limit > 0 ? value / limit : double.NaN;

    private static string Verdict(bool met) => met ? "PASS" : "MISS";

    private static string F(double value) => value.ToString("N0", CultureInfo.InvariantCulture);

    private static string Inv(FormattableString s) => s.ToString(CultureInfo.InvariantCulture);
}
