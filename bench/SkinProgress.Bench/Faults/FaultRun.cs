using System.Diagnostics;
using System.Globalization;
using Npgsql;
using SkinProgress.Bench.Ingest;
using SkinProgress.Bench.Measure;

namespace SkinProgress.Bench.Faults;

/// <summary>One fault as it happened: when it began, when the service was back, and what readiness said meanwhile.</summary>
public sealed record FaultRecord(string Name, string ExpectedCheck, DateTimeOffset Began, DateTimeOffset Restored)
{
    public DateTimeOffset? QueueBeforeAt { get; set; }
    public long QueueBefore { get; set; }
}

/// <summary>
/// A steady load of HTTP batches while the Worker is SIGKILLed and restarted, the Api is SIGKILLed (with requests
/// in flight) and restarted, RabbitMQ is restarted and PostgreSQL is restarted; then every acknowledged event must
/// be stored once, every batch whose request went unanswered must be stored whole or not at all (never twice), and
/// every day's totals must equal the totals recomputed from the acknowledged events and the in-doubt batches found
/// stored. Exit status 1 on any loss, double count, half-stored batch or mismatch, or when /health/ready stayed
/// green through a broker or database outage.
/// </summary>
public static class FaultRun
{
    public static async Task<int> RunAsync(BenchArgs args, CancellationToken ct)
    {
        var users = args.Count("users", 200);
        var batchSize = args.Count("batch-size", 100);
        var totalEvents = args.Count("events", 100_000);
        var rate = args.Number("rate", 1500);
        var outage = TimeSpan.FromSeconds(args.Number("outage-seconds", 5));
        var drainTimeout = TimeSpan.FromSeconds(args.Number("drain-seconds", 300));
        var batches = Math.Max(1, totalEvents / batchSize);
        var planned = TimeSpan.FromSeconds(batches * batchSize / rate);

        await using var data = NpgsqlDataSource.Create(BenchArgs.Env("ConnectionStrings__Postgres"));
        var database = new ScoringDatabase(data);
        await using var queue = new QueueProbe();
        using var http = IngestClient.CreateHttp(args.Text("api"), 256);
        using var injector = new FaultInjector(
            new HostProcess(args.Text("api-dll"), args.Text("api-log"), "--urls", args.Text("api")),
            new HostProcess(args.Text("worker-dll"), args.Text("worker-log")),
            args.Text("services"), args.Text("profile", "bench"));

        injector.Api.Start();
        await WaitUntilReadyAsync(http, injector.Api, ct);
        Console.Error.WriteLine($"[faults] Api ready (pid {injector.Api.Pid}); creating {users} users with a device each");
        var devices = await DeviceFleet.CreateAsync(http, args.Text("admin"), users, "faults", ct);
        injector.Worker.Start();
        Console.Error.WriteLine($"[faults] Worker started (pid {injector.Worker.Pid}); sending {batches * batchSize:N0} events at {rate:N0}/s for about {planned.TotalSeconds:F0} s");

        using var watching = CancellationTokenSource.CreateLinkedTokenSource(ct);
        var health = new HealthWatch(http);
        var commits = new List<(DateTimeOffset At, DateTimeOffset? LastCommit)>();
        var depths = new List<(DateTimeOffset At, long Ready)>();
        var watchers = new[]
        {
            health.RunAsync(watching.Token),
            WatchAsync(TimeSpan.FromMilliseconds(200), async token =>
            {
                var last = await database.LastCommitAsync(token);
                lock (commits)
                {
                    commits.Add((DateTimeOffset.UtcNow, last));
                }
            }, watching.Token),
            WatchAsync(TimeSpan.FromMilliseconds(500), async token =>
            {
                if (await queue.DepthAsync("scoring", token) is { } d)
                {
                    lock (depths)
                    {
                        depths.Add((DateTimeOffset.UtcNow, d.Ready));
                    }
                }
            }, watching.Token),
        };

        var ledger = new Ledger();
        var counters = new SendCounters();
        var client = new IngestClient(http, counters, TimeSpan.FromSeconds(1));
        var firstDate = new DateOnly(2024, 1, 1);
        long next = -1, resent = 0;
        var clock = Stopwatch.StartNew();
        var loadDeadline = DateTimeOffset.UtcNow + planned * 4 + TimeSpan.FromMinutes(2);

        // Three batches per user and day, so recomputes merge with events already stored.
        EventBatch BatchFor(long k) => EventBatch.Create((int)(k % users), firstDate.AddDays((int)(k / users / 3)), $"f{k}", batchSize);

        var load = Task.WhenAll(Enumerable.Range(0, args.Count("senders", 16)).Select(_ => Task.Run(async () =>
        {
            for (var k = Interlocked.Increment(ref next); k < batches && !ct.IsCancellationRequested; k = Interlocked.Increment(ref next))
            {
                var due = TimeSpan.FromSeconds(k * batchSize / rate) - clock.Elapsed;
                if (due > TimeSpan.Zero)
                {
                    await Task.Delay(due, ct);
                }

                // A request left without an answer is in doubt. Half the devices send it again (a later 202 settles it:
                // counted once); the others give up on it, so the run also checks batches nobody ever confirmed.
                var batch = BatchFor(k);
                var sent = await client.SendUntilAcceptedAsync(devices[batch.User], batch, loadDeadline, ct, retryUnanswered: k % 2 == 0);
                if (sent.Unanswered)
                {
                    ledger.Doubt(k, batch);
                }

                if (sent.AcceptedAt is { } at)
                {
                    ledger.Acknowledge(k, batch, at);
                }

                // Now and then a device syncs an already-acknowledged batch again, byte for byte: it must count once.
                if (k % 37 == 0 && k >= users)
                {
                    var again = BatchFor(k - users);
                    if ((await client.SendUntilAcceptedAsync(devices[again.User], again, loadDeadline, ct)).AcceptedAt is not null)
                    {
                        Interlocked.Increment(ref resent);
                    }
                }
            }
        }, ct)));

        var faults = new List<FaultRecord>();
        async Task FaultAsync(double at, string name, string check, Func<Task> fail, Func<Task> restore, Func<Task>? when = null)
        {
            var wait = planned * at - clock.Elapsed;
            if (wait > TimeSpan.Zero)
            {
                await Task.Delay(wait, ct);
            }

            if (when is not null)
            {
                await when();
            }

            long before;
            lock (depths)
            {
                before = depths.Count == 0 ? 0 : depths[^1].Ready;
            }

            Console.Error.WriteLine($"[faults] {clock.Elapsed.TotalSeconds:F0} s: {name}");
            var began = DateTimeOffset.UtcNow;
            await fail();
            await restore();
            faults.Add(new FaultRecord(name, check, began, DateTimeOffset.UtcNow) { QueueBefore = before });
        }

        await FaultAsync(0.15, "Worker SIGKILL + restart", HealthWatch.NoScoringConsumer, async () =>
        {
            await injector.Worker.KillAsync();
            await Task.Delay(TimeSpan.FromSeconds(2), ct);
        }, () =>
        {
            injector.Worker.Start();
            return Task.CompletedTask;
        });
        long inFlightAtKill = 0;
        await FaultAsync(0.27, "Api SIGKILL + restart", HealthWatch.ApiUnreachable, async () =>
        {
            inFlightAtKill = counters.InFlight;
            await injector.Api.KillAsync();
            await Task.Delay(TimeSpan.FromSeconds(2), ct);
        }, () =>
        {
            injector.Api.Start();
            return Task.CompletedTask;
        }, async () =>
        {
            // At a moment when requests are in flight (a paced load leaves gaps): those are the ones the kill is about.
            var waitUntil = DateTimeOffset.UtcNow + TimeSpan.FromSeconds(10);
            while (counters.InFlight == 0 && DateTimeOffset.UtcNow < waitUntil)
            {
                await Task.Delay(1, ct);
            }
        });
        await FaultAsync(0.40, "RabbitMQ restart", "rabbitmq", async () =>
        {
            await injector.ServicesAsync("rabbit-stop");
            await Task.Delay(outage, ct);
        }, () => injector.ServicesAsync("rabbit-start"));
        await FaultAsync(0.65, "PostgreSQL restart", "postgres", async () =>
        {
            await injector.ServicesAsync("pg-stop");
            await Task.Delay(outage, ct);
        }, () => injector.ServicesAsync("pg-start"));

        await load;
        var loadTime = clock.Elapsed;
        Console.Error.WriteLine($"[faults] load done after {loadTime.TotalSeconds:F0} s; waiting for the queue to drain");
        var expectedEvents = ledger.AckedEvents;
        var drainClock = Stopwatch.StartNew();
        var drained = false;
        while (drainClock.Elapsed < drainTimeout && !ct.IsCancellationRequested)
        {
            try
            {
                var counted = await database.CountedEventsAsync(firstDate, firstDate.AddYears(50), ct);
                if (counted >= expectedEvents && await queue.DepthAsync("scoring", ct) is { Ready: 0 })
                {
                    drained = true;
                    break;
                }
            }
            catch (NpgsqlException)
            {
                // The database may still be coming back; try again.
            }

            await Task.Delay(500, ct);
        }

        // Settle: a message redelivered late would show up now as a double count.
        await Task.Delay(TimeSpan.FromSeconds(2), ct);
        await watching.CancelAsync();
        await Task.WhenAll(watchers.Select(async w =>
        {
            try
            {
                await w;
            }
            catch (OperationCanceledException)
            {
                // Stopped on purpose.
            }
        }));

        var verification = await Verifier.VerifyAsync(data, devices, ledger, ct);
        await injector.Worker.StopAsync();
        await injector.Api.StopAsync();

        var o = Console.Out;
        var expectedTotal = ledger.AckedBatches * (long)batchSize;
        o.WriteLine();
        o.WriteLine($"fault-injection run: {users} users, batches of {batchSize}, target {rate:N0} events/s, outages of {outage.TotalSeconds:F0} s");
        o.WriteLine();
        o.WriteLine("| figure | value |");
        o.WriteLine("|---|---|");
        o.WriteLine(Inv($"| events sent (distinct, in {batches:N0} batches) | {batches * (long)batchSize:N0} |"));
        o.WriteLine(Inv($"| events acknowledged (202) | {expectedTotal:N0} |"));
        o.WriteLine(Inv($"| requests | {counters.Requests:N0} ({resent:N0} were deliberate re-sends of acknowledged batches) |"));
        o.WriteLine(Inv($"| refused with 503 (retried) | {counters.Refused503:N0} requests |"));
        o.WriteLine(Inv($"| other 5xx / 429 (retried) | {counters.ServerErrors:N0} requests |"));
        o.WriteLine(Inv($"| connection refused (retried) | {counters.ConnectionErrors:N0} requests |"));
        o.WriteLine(Inv($"| sent, answer never came (in doubt; {inFlightAtKill:N0} in flight at the Api kill) | {counters.Unanswered:N0} requests: {ledger.DoubtsSettled:N0} batches sent again and acknowledged, {verification.InDoubt:N0} given up |"));
        o.WriteLine(Inv($"| given-up batches stored whole / not at all / **in part** | {verification.InDoubtStored:N0} / {verification.InDoubt - verification.InDoubtStored - verification.InDoubtPartial:N0} / **{verification.InDoubtPartial:N0}** |"));
        o.WriteLine(Inv($"| rejected (4xx, not retried) | {counters.Rejected:N0} requests |"));
        o.WriteLine(Inv($"| raw events stored | {verification.Stored:N0} |"));
        o.WriteLine(Inv($"| **lost** (acknowledged, not in raw_events) | **{verification.Lost:N0}** |"));
        o.WriteLine(Inv($"| acknowledged but missing from the daily totals' event counts | {verification.MissingFromTotals:N0} |"));
        o.WriteLine(Inv($"| **double-counted** (stored twice or counted twice in a day) | **{verification.DuplicateRows + verification.DoubleCounted:N0}** |"));
        o.WriteLine(Inv($"| days whose totals differ from the client's recomputation | {verification.DaysMismatched:N0} of {verification.DaysChecked:N0} |"));
        o.WriteLine(Inv($"| stored but never acknowledged | {verification.StoredNotAcknowledged:N0} |"));
        o.WriteLine(Inv($"| load time / queue drained after load | {loadTime.TotalSeconds:F0} s / {(drained ? drainClock.Elapsed.TotalSeconds.ToString("F1", CultureInfo.InvariantCulture) + " s" : "NOT drained")} |"));
        o.WriteLine();
        o.WriteLine("| fault | outage | /health/ready during the outage | ready again | first 202 after | first commit after | backlog back to pre-fault depth |");
        o.WriteLine("|---|---|---|---|---|---|---|");
        var healthOk = true;
        foreach (var f in faults)
        {
            // Readiness is judged from 1 s after the fault began (the check itself takes up to 3 s to time out) to the restore.
            var during = health.Between(f.Began.AddSeconds(1), f.Restored);
            var reported = during.Count(s => s.Unhealthy.Contains(f.ExpectedCheck));
            var reportedText = f.ExpectedCheck switch
            {
                HealthWatch.NoScoringConsumer => Inv($"\"{f.ExpectedCheck}\" in {reported} of {during.Count} samples, still ready (200) in {during.Count(s => s.Status == 200)}"),
                HealthWatch.ApiUnreachable => Inv($"no answer in {reported} of {during.Count} samples"),
                _ => Inv($"{f.ExpectedCheck} unhealthy in {reported} of {during.Count} samples, 503: {during.Count(s => s.Status == 503)}"),
            };
            if (during.Count == 0 || reported == 0)
            {
                healthOk = false;
            }

            DateTimeOffset? commitAfter;
            lock (commits)
            {
                commitAfter = commits.Where(c => c.LastCommit > f.Restored).Select(c => (DateTimeOffset?)c.At).FirstOrDefault();
            }

            DateTimeOffset? backlogAfter;
            lock (depths)
            {
                backlogAfter = depths.Where(d => d.At > f.Restored && d.Ready <= Math.Max(f.QueueBefore, 20)).Select(d => (DateTimeOffset?)d.At).FirstOrDefault();
            }

            o.WriteLine(Inv($"| {f.Name} | {(f.Restored - f.Began).TotalSeconds:F1} s | {reportedText} | {After(f, health.FirstReadyAfter(f.Restored))} | {After(f, ledger.FirstAckAfter(f.Restored))} | {After(f, commitAfter)} | {After(f, backlogAfter)} |"));
        }

        o.WriteLine();
        foreach (var example in verification.Examples)
        {
            o.WriteLine($"  {example}");
        }

        var lostOrDoubled = verification.Lost + verification.MissingFromTotals + verification.DuplicateRows + verification.DoubleCounted;
        var ok = lostOrDoubled == 0 && verification.InDoubtPartial == 0 && verification.DaysMismatched == 0 && drained && healthOk
            && faults.Count == 4 && expectedTotal > 0;
        o.WriteLine(ok ? "RESULT: PASS" : $"RESULT: FAIL (lost or double-counted {lostOrDoubled}, in doubt and stored in part {verification.InDoubtPartial}, mismatched days {verification.DaysMismatched}, drained {drained}, readiness reported outages {healthOk})");
        return ok ? 0 : 1;
    }

    /// <summary>The Api this run started, ready; or why not (it exited, or did not become ready in 90 s).</summary>
    private static async Task WaitUntilReadyAsync(HttpClient http, HostProcess api, CancellationToken ct)
    {
        var until = DateTimeOffset.UtcNow + TimeSpan.FromSeconds(90);
        while (DateTimeOffset.UtcNow < until)
        {
            if (api.HasExited)
            {
                throw new InvalidOperationException("The Api exited on start; see its log.");
            }

            try
            {
                using var ready = await http.GetAsync("/health/ready", ct);
                if (ready.IsSuccessStatusCode)
                {
                    return;
                }
            }
            catch (HttpRequestException)
            {
                // Not listening yet.
            }

            await Task.Delay(500, ct);
        }

        throw new InvalidOperationException("The Api did not become ready in 90 s.");
    }

    private static string After(FaultRecord f, DateTimeOffset? t) =>
        t is { } at ? Inv($"{(at - f.Restored).TotalSeconds:F1} s") : "never";

    private static async Task WatchAsync(TimeSpan every, Func<CancellationToken, Task> sample, CancellationToken ct)
    {
        using var timer = new PeriodicTimer(every);
        while (await timer.WaitForNextTickAsync(ct).ConfigureAwait(false))
        {
            try
            {
                await sample(ct);
            }
            catch (Exception e) when (e is NpgsqlException or TimeoutException or InvalidOperationException)
            {
                // The database is down during its fault: that sample is simply missing.
            }
        }
    }

    private static string Inv(FormattableString s) => s.ToString(CultureInfo.InvariantCulture);
}
