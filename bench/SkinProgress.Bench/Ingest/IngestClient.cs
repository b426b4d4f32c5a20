using System.Diagnostics;
using System.Net;
using System.Net.Http.Headers;

namespace SkinProgress.Bench.Ingest;

public enum SendOutcome
{
    Accepted,
    Refused503,
    ServerError,
    ConnectionError,
    Rejected,
}

/// <summary>Counts of every answer, shared by all senders of a phase.</summary>
public sealed class SendCounters
{
    private long requests, accepted, refused503, serverErrors, connectionErrors, rejected, rateLimited;

    public long Requests => Interlocked.Read(ref requests);
    public long Accepted => Interlocked.Read(ref accepted);
    public long Refused503 => Interlocked.Read(ref refused503);
    public long ServerErrors => Interlocked.Read(ref serverErrors);
    public long ConnectionErrors => Interlocked.Read(ref connectionErrors);
    public long Rejected => Interlocked.Read(ref rejected);
    public long RateLimited => Interlocked.Read(ref rateLimited);

    public void Count(SendOutcome outcome, bool wasRateLimited)
    {
        Interlocked.Increment(ref requests);
        _ = outcome switch
        {
            SendOutcome.Accepted => Interlocked.Increment(ref accepted),
            SendOutcome.Refused503 => Interlocked.Increment(ref refused503),
            SendOutcome.ServerError => Interlocked.Increment(ref serverErrors),
            SendOutcome.ConnectionError => Interlocked.Increment(ref connectionErrors),
            _ => Interlocked.Increment(ref rejected),
        };
        if (wasRateLimited)
        {
            Interlocked.Increment(ref rateLimited);
        }
    }
}

/// <summary>
/// Posts batches like a device: a 503, any other 5xx, a 429 or a broken connection is retried with the same body
/// (after Retry-After, capped so a run stays short) until it gets a 202 or the deadline passes.
/// </summary>
public sealed class IngestClient(HttpClient http, SendCounters counters, TimeSpan maxRetryWait)
{
    public SendCounters Counters { get; } = counters;

    /// <summary>Returns the time of the 202 (UTC), or null when the batch was rejected or the deadline passed.</summary>
    public async Task<DateTimeOffset?> SendUntilAcceptedAsync(BenchDevice device, EventBatch batch, DateTimeOffset deadline, CancellationToken ct)
    {
        while (!ct.IsCancellationRequested)
        {
            var (outcome, retryAfter, limited) = await SendOnceAsync(device, batch, ct);
            Counters.Count(outcome, limited);
            if (outcome == SendOutcome.Accepted)
            {
                return DateTimeOffset.UtcNow;
            }

            if (outcome == SendOutcome.Rejected || DateTimeOffset.UtcNow > deadline)
            {
                return null;
            }

            await Task.Delay(retryAfter < maxRetryWait ? retryAfter : maxRetryWait, ct);
        }

        return null;
    }

    private async Task<(SendOutcome Outcome, TimeSpan RetryAfter, bool RateLimited)> SendOnceAsync(BenchDevice device, EventBatch batch, CancellationToken ct)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "/v1/events") { Content = new ByteArrayContent(batch.Body) };
        request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", device.Key);
        try
        {
            using var response = await http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, ct);
            var retryAfter = response.Headers.RetryAfter?.Delta ?? TimeSpan.FromSeconds(1);
            return response.StatusCode switch
            {
                HttpStatusCode.Accepted => (SendOutcome.Accepted, TimeSpan.Zero, false),
                HttpStatusCode.ServiceUnavailable => (SendOutcome.Refused503, retryAfter, false),
                HttpStatusCode.TooManyRequests => (SendOutcome.ServerError, retryAfter, true),
                >= HttpStatusCode.InternalServerError => (SendOutcome.ServerError, TimeSpan.FromSeconds(1), false),
                _ => Report(response),
            };
        }
        catch (HttpRequestException)
        {
            return (SendOutcome.ConnectionError, TimeSpan.FromSeconds(1), false);
        }
        catch (TaskCanceledException) when (!ct.IsCancellationRequested)
        {
            // HttpClient's own timeout: the device does not know whether the batch arrived, so it sends it again.
            return (SendOutcome.ConnectionError, TimeSpan.FromSeconds(1), false);
        }
    }

    private static (SendOutcome, TimeSpan, bool) Report(HttpResponseMessage response)
    {
        Console.Error.WriteLine($"[bench] batch rejected: {(int)response.StatusCode}");
        return (SendOutcome.Rejected, TimeSpan.Zero, false);
    }

    public static HttpClient CreateHttp(string api, int connections) =>
        new(new SocketsHttpHandler
        {
            MaxConnectionsPerServer = connections,
            PooledConnectionLifetime = TimeSpan.FromMinutes(10),
            ConnectTimeout = TimeSpan.FromSeconds(5),
        })
        {
            BaseAddress = new Uri(api),
            Timeout = TimeSpan.FromSeconds(30),
        };

    public static TimeSpan Since(long startTimestamp) => Stopwatch.GetElapsedTime(startTimestamp);
}
