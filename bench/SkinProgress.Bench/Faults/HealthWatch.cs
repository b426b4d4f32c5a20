using System.Diagnostics;
using System.Net.Http.Json;
using System.Text.Json;

namespace SkinProgress.Bench.Faults;

public readonly record struct HealthSample(DateTimeOffset At, int Status, IReadOnlyList<string> Unhealthy);

/// <summary>Polls /health/ready every 250 ms and keeps which checks it reported unhealthy at each moment.</summary>
public sealed class HealthWatch(HttpClient http)
{
    public const string NoScoringConsumer = "scoring: no consumer";

    /// <summary>No answer at all: the Api process is gone (or not listening yet).</summary>
    public const string ApiUnreachable = "api unreachable";

    private readonly List<HealthSample> samples = [];

    public async Task RunAsync(CancellationToken ct)
    {
        using var timer = new PeriodicTimer(TimeSpan.FromMilliseconds(250));
        while (await timer.WaitForNextTickAsync(ct).ConfigureAwait(false))
        {
            var sample = await SampleAsync(ct);
            lock (samples)
            {
                samples.Add(sample);
            }
        }
    }

    public IReadOnlyList<HealthSample> Between(DateTimeOffset from, DateTimeOffset to)
    {
        lock (samples)
        {
            return samples.Where(s => s.At >= from && s.At <= to).ToList();
        }
    }

    public DateTimeOffset? FirstReadyAfter(DateTimeOffset t)
    {
        lock (samples)
        {
            return samples.Where(s => s.At > t && s.Status == 200).Select(s => (DateTimeOffset?)s.At).FirstOrDefault();
        }
    }

    private async Task<HealthSample> SampleAsync(CancellationToken ct)
    {
        var at = DateTimeOffset.UtcNow;
        try
        {
            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(ct);
            timeout.CancelAfter(TimeSpan.FromSeconds(5));
            using var response = await http.GetAsync("/health/ready", timeout.Token);
            var body = await response.Content.ReadFromJsonAsync<JsonElement>(timeout.Token);
            var unhealthy = body.TryGetProperty("checks", out var checks)
                ? checks.EnumerateObject().Where(c => c.Value.GetProperty("status").GetString() != "Healthy").Select(c => c.Name).ToList()
                : [];
            // A Worker that is gone (or has not reconnected) leaves the Api ready but is reported in the broker's data.
            if (checks.ValueKind == JsonValueKind.Object && checks.TryGetProperty("rabbitmq", out var rabbit)
                && rabbit.TryGetProperty("data", out var data) && data.TryGetProperty("scoring_consumers", out var consumers)
                && consumers.GetInt32() == 0)
            {
                unhealthy.Add(NoScoringConsumer);
            }

            return new HealthSample(at, (int)response.StatusCode, unhealthy);
        }
        catch (Exception e) when (e is HttpRequestException or JsonException or OperationCanceledException && !ct.IsCancellationRequested)
        {
            return new HealthSample(at, 0, [ApiUnreachable]);
        }
    }

    public static TimeSpan Elapsed(long since) => Stopwatch.GetElapsedTime(since);
}
