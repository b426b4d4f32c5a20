using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using MimeKit;
using Npgsql;
using SkinProgress.Bench.Load;
using SkinProgress.Bench.Measure;

namespace SkinProgress.Bench.Summaries;

/// <summary>
/// The weekly-summaries figure of issue 5: N users with six weeks of data, one on-demand run through the Api
/// (the same dispatch, compile and send jobs as the schedule), timed from the request until N emails have reached
/// the SMTP sink and N summaries are stored. Then the same run again, which must send and store nothing.
/// Figures, not a test: the exit status is non-zero only when the run did not complete or the counts are wrong.
/// </summary>
public static class SummariesBenchmark
{
    /// <summary>The issue's target: 100,000 users in 5 minutes, i.e. 333 users/s.</summary>
    private const int TargetUsers = 100_000;

    private static readonly TimeSpan TargetTime = TimeSpan.FromMinutes(5);

    public static async Task<int> RunAsync(BenchArgs args, CancellationToken ct)
    {
        var users = args.Count("users", 2_000);
        var timeout = TimeSpan.FromSeconds(args.Number("timeout-seconds", 1_800));
        var smtpPort = int.Parse(BenchArgs.Env("Smtp__Port"), CultureInfo.InvariantCulture);
        var processes = new List<WatchedProcess>
        {
            new("Api", args.Count("api-pid", 0), false),
            new("Worker", args.Count("worker-pid", 0), false),
        };
        if (ProcessStats.PidFromFile(args.Optional("pg-pid-file")) is { } pg)
        {
            processes.Add(new WatchedProcess("PostgreSQL", pg, true));
        }

        processes.Add(new WatchedProcess("bench client + SMTP sink", Environment.ProcessId, false));

        await using var data = NpgsqlDataSource.Create(BenchArgs.Env("ConnectionStrings__Postgres"));
        var week = SummaryData.LastCompletedMonday(DateTimeOffset.UtcNow);
        Console.Error.WriteLine($"[bench] generating {users:N0} users × {SummaryData.Days} days, summarised week of {week:yyyy-MM-dd}");
        var generation = await SummaryData.GenerateAsync(data, users, week, ct);
        var dayRows = await ScalarAsync(data, "select count(*) from daily_totals", ct);
        var checkRows = await ScalarAsync(data, "select count(*) from raw_events", ct);

        await using var sink = new SmtpSink();
        sink.Start(smtpPort);
        await using var monitor = new Load.Monitor(processes, queue: null);
        using var http = new HttpClient { BaseAddress = new Uri(args.Text("api")), Timeout = TimeSpan.FromSeconds(30) };
        var admin = args.Text("admin");

        monitor.Start();
        monitor.Phase = "run";
        Console.Error.WriteLine($"[bench] POST /v1/admin/summaries/run (weekStart {week:yyyy-MM-dd}); SMTP sink on 127.0.0.1:{smtpPort}");
        var cpuBefore = monitor.CpuSnapshot();
        var started = Stopwatch.GetTimestamp();
        await RequestRunAsync(http, admin, week, ct);
        var run = await WaitAsync(data, sink, users, started, timeout, ct);
        var cpuAfter = monitor.CpuSnapshot();
        var workerPeak = monitor.PeakRss("run", "Worker");

        // Idempotence: the same run again finds every summary stored and sent, so nothing more may arrive.
        var rerun = run.Completed ? await RerunAsync(http, admin, week, data, sink, ct) : null;
        var mix = await RecommendationMixAsync(data, ct);
        var sample = CheckSamples(sink);

        var cpu = processes.ToDictionary(p => p.Name, p => (cpuAfter[p.Name] - cpuBefore[p.Name]) / run.Elapsed.TotalSeconds * 100);
        Print(Console.Out, users, week, generation, dayRows, checkRows, run, rerun, sink, cpu, workerPeak, mix, sample);

        var ok = run.Completed && sink.Messages == users && sink.Duplicates == 0 && run.Stored == users
            && rerun is { NewEmails: 0, NewRows: 0 } && sample.Failures.Count == 0;
        return ok ? 0 : 1;
    }

    private sealed record RunResult(bool Completed, TimeSpan Elapsed, TimeSpan? AllStored, TimeSpan? FirstEmail, long Stored, long Sent, IReadOnlyList<(TimeSpan At, long Stored, long Emails)> Progress);

    private sealed record RerunResult(long NewEmails, long NewRows, TimeSpan Waited);

    private sealed record SampleCheck(int Parsed, IReadOnlyList<string> Failures);

    private static async Task RequestRunAsync(HttpClient http, string admin, DateOnly week, CancellationToken ct)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "/v1/admin/summaries/run")
        {
            Content = JsonContent.Create(new { weekStart = week.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) }),
        };
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", admin);
        using var response = await http.SendAsync(request, ct);
        if (response.StatusCode != HttpStatusCode.Accepted)
        {
            throw new InvalidOperationException($"the summary run answered {(int)response.StatusCode}: {await response.Content.ReadAsStringAsync(ct)}");
        }
    }

    /// <summary>Polls the sink (every 100 ms) and the stored summaries (every second) until both reach the user count.</summary>
    private static async Task<RunResult> WaitAsync(NpgsqlDataSource data, SmtpSink sink, int users, long started, TimeSpan timeout, CancellationToken ct)
    {
        var progress = new List<(TimeSpan, long, long)>();
        TimeSpan? allStored = null;
        TimeSpan? firstEmail = null;
        long stored = 0, sent = 0;
        var nextPoll = TimeSpan.Zero;
        var nextReport = TimeSpan.FromSeconds(10);
        while (true)
        {
            var now = Stopwatch.GetElapsedTime(started);
            var emails = sink.Messages;
            if (firstEmail is null && emails > 0)
            {
                firstEmail = now;
            }

            if (now >= nextPoll)
            {
                (stored, sent) = await StoredAsync(data, ct);
                if (allStored is null && stored >= users)
                {
                    allStored = Stopwatch.GetElapsedTime(started);
                }

                progress.Add((now, stored, emails));
                nextPoll = now + TimeSpan.FromSeconds(1);
            }

            if (now >= nextReport)
            {
                Console.Error.WriteLine($"[bench] {now.TotalSeconds:F0} s: {stored:N0} stored, {emails:N0} emailed");
                nextReport = now + TimeSpan.FromSeconds(10);
            }

            if (emails >= users && allStored is not null)
            {
                // The last email's own arrival time, not this poll's.
                var elapsed = Stopwatch.GetElapsedTime(started, sink.LastAt);
                (stored, sent) = await StoredAsync(data, ct);
                progress.Add((now, stored, emails));
                return new RunResult(true, elapsed, allStored, firstEmail, stored, sent, progress);
            }

            if (now >= timeout)
            {
                Console.Error.WriteLine($"[bench] timed out after {timeout.TotalSeconds:F0} s");
                return new RunResult(false, now, allStored, firstEmail, stored, sent, progress);
            }

            await Task.Delay(100, ct);
        }
    }

    private static async Task<RerunResult> RerunAsync(HttpClient http, string admin, DateOnly week, NpgsqlDataSource data, SmtpSink sink, CancellationToken ct)
    {
        var wait = TimeSpan.FromSeconds(15);
        Console.Error.WriteLine($"[bench] the same run again; watching {wait.TotalSeconds:F0} s for anything new");
        var emails = sink.Messages;
        var (rows, _) = await StoredAsync(data, ct);
        await RequestRunAsync(http, admin, week, ct);
        await Task.Delay(wait, ct);
        var (rowsAfter, _) = await StoredAsync(data, ct);
        return new RerunResult(sink.Messages - emails, rowsAfter - rows, wait);
    }

    private static async Task<(long Stored, long Sent)> StoredAsync(NpgsqlDataSource data, CancellationToken ct)
    {
        await using var command = data.CreateCommand("select count(*), count(sent_at) from weekly_summaries");
        await using var reader = await command.ExecuteReaderAsync(ct);
        await reader.ReadAsync(ct);
        return (reader.GetInt64(0), reader.GetInt64(1));
    }

    private static async Task<long> ScalarAsync(NpgsqlDataSource data, string sql, CancellationToken ct)
    {
        await using var command = data.CreateCommand(sql);
        return (long)(await command.ExecuteScalarAsync(ct))!;
    }

    /// <summary>How many summaries got each consultation level: the data is meant to fire a mix of rules.</summary>
    private static async Task<IReadOnlyList<(string Level, long Count)>> RecommendationMixAsync(NpgsqlDataSource data, CancellationToken ct)
    {
        await using var command = data.CreateCommand("""
            select coalesce(case when summary->'urgentNotice' <> 'null'::jsonb then 'urgent' end, summary->>'recommendationLevel'), count(*)
            from weekly_summaries group by 1 order by 2 desc
            """);
        var mix = new List<(string, long)>();
        await using var reader = await command.ExecuteReaderAsync(ct);
        while (await reader.ReadAsync(ct))
        {
            mix.Add((reader.IsDBNull(0) ? "?" : reader.GetString(0), reader.GetInt64(1)));
        }

        return mix;
    }

    /// <summary>The kept messages parse as MIME, go to the SMTP recipient, and carry text, HTML and the inline chart.</summary>
    private static SampleCheck CheckSamples(SmtpSink sink)
    {
        var failures = new List<string>();
        foreach (var (recipient, bytes) in sink.Samples)
        {
            using var stream = new MemoryStream(bytes, writable: false);
            var message = MimeMessage.Load(stream);
            var parts = message.BodyParts.OfType<MimePart>().Select(p => p.ContentType.MimeType).ToList();
            if (!message.To.Mailboxes.Any(m => string.Equals(m.Address, recipient, StringComparison.OrdinalIgnoreCase))
                || !recipient.EndsWith("@bench.localhost", StringComparison.Ordinal)
                || !parts.Contains("text/plain") || !parts.Contains("text/html") || !parts.Contains("image/png")
                || message.Headers["List-Unsubscribe"] is null)
            {
                failures.Add($"{recipient}: to {message.To}, parts {string.Join(",", parts)}");
            }
        }

        return new SampleCheck(sink.Samples.Count, failures);
    }

    private static void Print(TextWriter o, int users, DateOnly week, TimeSpan generation, long dayRows, long checkRows, RunResult run,
        RerunResult? rerun, SmtpSink sink, Dictionary<string, double> cpu, long workerPeak, IReadOnlyList<(string Level, long Count)> mix, SampleCheck sample)
    {
        var rate = sink.Messages / run.Elapsed.TotalSeconds;
        var targetRate = TargetUsers / TargetTime.TotalSeconds;
        var atTarget = users == TargetUsers;
        var met = run.Completed && (atTarget ? run.Elapsed <= TargetTime : rate >= targetRate);
        var verdict = met ? "PASS" : "MISS";

        o.WriteLine();
        o.WriteLine(Inv($"data: {users:N0} users, {dayRows:N0} daily totals (42 days each, some unlogged), {checkRows:N0} skin checks as raw events; generated in {generation.TotalSeconds:F0} s; week of {week:yyyy-MM-dd} (each user's own week start)"));
        o.WriteLine();
        o.WriteLine("| figure | measured | target | result |");
        o.WriteLine("|---|---|---|---|");
        o.WriteLine(Inv($"| weekly summaries, {users:N0} users × 6 weeks, compiled and emailed (request → last email at the SMTP sink) | {Duration(run.Elapsed)}{(run.Completed ? "" : " (timed out)")} | ≤ 5 min for 100,000{(atTarget ? "" : $" (pro rata ≥ {targetRate:F0} users/s)")} | {verdict} |"));
        o.WriteLine(Inv($"| users compiled and emailed per second | {rate:F0} users/s | ≥ {targetRate:F0} users/s | {verdict} |"));
        o.WriteLine(Inv($"| request → all {users:N0} summaries stored | {(run.AllStored is { } s ? Duration(s) : "not reached")} | — | — |"));
        o.WriteLine(Inv($"| request → first email | {(run.FirstEmail is { } f ? $"{f.TotalSeconds:F1} s" : "none")} | — | — |"));
        o.WriteLine(Inv($"| Worker peak RSS during the run | {workerPeak / 1024.0 / 1024:F0} MB | ≤ 400 MB (load target) | {(workerPeak > 0 && workerPeak <= 400L * 1024 * 1024 ? "PASS" : "MISS")} |"));
        o.WriteLine(Inv($"| emails received / distinct recipients / stored rows / marked sent | {sink.Messages:N0} / {sink.Messages - sink.Duplicates:N0} / {run.Stored:N0} / {run.Sent:N0} | = {users:N0}, no duplicates | {(sink.Messages == users && sink.Duplicates == 0 && run.Stored == users && run.Sent == users ? "OK" : "WRONG")} |"));
        o.WriteLine(Inv($"| the same run again: new emails / new rows in {rerun?.Waited.TotalSeconds ?? 0:F0} s | {(rerun is null ? "not run" : $"{rerun.NewEmails} / {rerun.NewRows}")} | 0 / 0 | {(rerun is { NewEmails: 0, NewRows: 0 } ? "OK" : "WRONG")} |"));
        o.WriteLine(Inv($"| sample messages parsed (MIME, recipient, text + HTML + inline PNG, List-Unsubscribe) | {sample.Parsed - sample.Failures.Count} of {sample.Parsed} | all | {(sample.Failures.Count == 0 && sample.Parsed > 0 ? "OK" : "WRONG")} |"));
        var meanKb = sink.Messages == 0 ? 0 : sink.Bytes / sink.Messages / 1024.0;
        o.WriteLine(Inv($"| mean message size | {meanKb:F1} KB | ≤ 40 KB | {(meanKb <= 40 ? "PASS" : "MISS")} |"));
        o.WriteLine();

        o.WriteLine("CPU per process over the run (request → last email), % of one core (2 cores = 200 %):");
        o.WriteLine();
        o.WriteLine("| process | CPU |");
        o.WriteLine("|---|---|");
        foreach (var (name, percent) in cpu)
        {
            o.WriteLine(Inv($"| {name} | {percent:F0} % |"));
        }

        o.WriteLine();
        o.WriteLine("Consultation level of the summaries: " + string.Join(", ", mix.Select(m => Inv($"{m.Level} {m.Count:N0}"))));
        var step = Math.Max(1, run.Progress.Count / 15);
        o.WriteLine("Progress (s: stored / emailed): " + string.Join("  ", run.Progress.Where((_, i) => i % step == 0 || i == run.Progress.Count - 1)
            .Select(p => Inv($"{p.At.TotalSeconds:F0}: {p.Stored:N0}/{p.Emails:N0}"))));
        foreach (var failure in sample.Failures)
        {
            o.WriteLine("sample failed: " + failure);
        }

        o.WriteLine();
    }

    private static string Duration(TimeSpan t) => t.TotalSeconds < 60
        ? Inv($"{t.TotalSeconds:F1} s")
        : Inv($"{(int)t.TotalMinutes} min {t.Seconds:D2} s");

    private static string Inv(FormattableString s) => s.ToString(CultureInfo.InvariantCulture);
}
