using System.Globalization;
using Npgsql;
using SkinProgress.Bench.Ingest;
using SkinProgress.Bench.Measure;

namespace SkinProgress.Bench.Load;

/// <summary>
/// The benchmark of issue 5: warm-up, batched ingest at full speed, single-event requests at full speed, then a
/// fixed rate of half the batched maximum for latency; before the last two, PostgreSQL finishes what the earlier
/// phases left it to do (<see cref="Settling"/>), so each phase is charged its own cost. Prints one table; figures, not a test: the exit status is
/// non-zero only when the harness itself could not measure (nothing accepted, or a phase never drained).
/// With <c>--sources</c> 2 or 3 (issue 12), the batched phase runs a second time right after the first, as many
/// senders, on other users with that many sources each reporting the same days: the two throughputs of one run
/// give merging's cost.
/// </summary>
public static class LoadBenchmark
{
    public static async Task<int> RunAsync(BenchArgs args, CancellationToken ct)
    {
        var limits = Limits.From(args);
        var users = args.Count("users", 400);
        var batchSize = args.Count("batch-size", 100);
        var drain = TimeSpan.FromSeconds(args.Number("drain-seconds", 180));
        var sources = args.Count("sources", 1);
        var settleTimeout = TimeSpan.FromSeconds(args.Number("settle-seconds", 300));
        if (sources < 1 || sources > DeviceFleet.MaxSources)
        {
            Console.Error.WriteLine($"[bench] --sources must be 1 to {DeviceFleet.MaxSources}");
            return 2;
        }

        var processes = new List<WatchedProcess>
        {
            new("Api", args.Count("api-pid", 0), false),
            new("Worker", args.Count("worker-pid", 0), false),
        };
        if (ProcessStats.PidFromFile(args.Optional("pg-pid-file")) is { } pg)
        {
            processes.Add(new WatchedProcess("PostgreSQL", pg, true));
        }

        if (ProcessStats.PidFromFile(args.Optional("rabbit-pid-file")) is { } rabbit)
        {
            processes.Add(new WatchedProcess("RabbitMQ", rabbit, false));
        }

        processes.Add(new WatchedProcess("bench client", Environment.ProcessId, false));

        await using var data = NpgsqlDataSource.Create(BenchArgs.Env("ConnectionStrings__Postgres"));
        var database = new ScoringDatabase(data);
        await using var queue = new QueueProbe();
        await using var monitor = new Monitor(processes, queue);
        using var http = IngestClient.CreateHttp(args.Text("api"), 512);

        Console.Error.WriteLine($"[bench] creating {users} users with a device each");
        var devices = await DeviceFleet.CreateAsync(http, args.Text("admin"), users, "load", ct);
        var multiDevices = sources == 1 ? null : await CreateMultiSourceAsync(http, args.Text("admin"), users, sources, ct);
        monitor.Start();

        // Each phase has its own dates (far apart), so its sums and commit times are its own.
        Phase PhaseOf(string name, int year, int size, int perDay) =>
            new(name, devices, new DateOnly(year, 1, 1), size, perDay, http, database, monitor);

        Console.Error.WriteLine("[bench] warm-up");
        await PhaseOf("warmup", 2010, batchSize, 1).ClosedLoopAsync(args.Count("senders", 16), TimeSpan.FromSeconds(args.Number("warmup-seconds", 5)), drain, ct);

        RequireAlive(processes);
        Console.Error.WriteLine("[bench] batched ingest");
        var batched = await PhaseOf("batched", 2012, batchSize, 1)
            .ClosedLoopAsync(args.Count("senders", 16), TimeSpan.FromSeconds(args.Number("batched-seconds", 30)), drain, ct);
        var apiPeak = Math.Max(monitor.PeakRss("batched", "Api"), 0);
        var workerPeak = Math.Max(monitor.PeakRss("batched", "Worker"), 0);

        PhaseResult? multi = null;
        if (multiDevices is not null)
        {
            RequireAlive(processes);
            Console.Error.WriteLine($"[bench] batched ingest, {sources} sources per user");
            multi = await new Phase("multi-source", multiDevices, new DateOnly(2014, 1, 1), batchSize, 1, http, database, monitor, sources)
                .ClosedLoopAsync(args.Count("senders", 16), TimeSpan.FromSeconds(args.Number("batched-seconds", 30)), drain, ct);
        }

        var settling = new Settling(data, monitor, settleTimeout);
        var settled = new List<SettleResult> { await settling.BeforeAsync("single", ct) };
        RequireAlive(processes);
        Console.Error.WriteLine("[bench] single-event requests");
        var single = await PhaseOf("single", 2016, 1, 24)
            .ClosedLoopAsync(args.Count("single-senders", 64), TimeSpan.FromSeconds(args.Number("single-seconds", 20)), drain, ct);

        var rate = Math.Max(1, batched.EventsPerSecond / 2);
        settled.Add(await settling.BeforeAsync("latency", ct));
        Console.Error.WriteLine($"[bench] latency at {rate:F0} events/s");
        var latency = await PhaseOf("latency", 2020, batchSize, 1)
            .FixedRateAsync(rate / batchSize, TimeSpan.FromSeconds(args.Number("latency-seconds", 20)), drain, ct);

        RequireAlive(processes);
        var phases = multi is null ? new[] { batched, single, latency } : [batched, single, latency, multi];
        ResultTable.Print(Console.Out, limits, users, batchSize, phases, rate, apiPeak, workerPeak, monitor, processes, sources, settled);
        return phases.All(p => p.Drained && p.AckedEvents > 0) ? 0 : 1;
    }

    private static async Task<IReadOnlyList<BenchDevice>> CreateMultiSourceAsync(HttpClient http, string adminKey, int users, int sources,
        CancellationToken ct)
    {
        Console.Error.WriteLine($"[bench] creating {users} more users with {sources} devices each");
        return await DeviceFleet.CreateAsync(http, adminKey, users, "load-multi", ct, sources);
    }

    /// <summary>A host that died would turn every later figure into a drain timeout: stop with the reason instead.</summary>
    private static void RequireAlive(IEnumerable<WatchedProcess> processes)
    {
        foreach (var p in processes.Where(p => !Directory.Exists($"/proc/{p.Pid}")))
        {
            throw new InvalidOperationException($"{p.Name} (pid {p.Pid}) is no longer running; see its log under .data/<profile>/logs.");
        }
    }

    public static string Format(double value, string format = "N0") => value.ToString(format, CultureInfo.InvariantCulture);
}
