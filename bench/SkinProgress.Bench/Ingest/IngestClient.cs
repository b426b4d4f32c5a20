using System.Diagnostics;
using System.Net;
using System.Net.Http.Headers;

namespace SkinProgress.Bench.Ingest;

public enum SendOutcome
{
    Accepted,
    Refused503,
    ServerError,

    /// <summary>No connection: the request never reached the Api, so nothing of it can have been accepted.</summary>
    ConnectionError,

    /// <summary>Sent, and the answer never came (the connection broke, or the client timed out): it may have been accepted.</summary>
    Unanswered,
    Rejected,
}

/// <summary>How sending one batch ended: the time of its 202 (UTC) if it got one, and whether an attempt went unanswered.</summary>
public readonly record struct SendResult(DateTimeOffset? AcceptedAt, bool Unanswered);

/// <summary>Counts of every answer, shared by all senders of a phase.</summary>
public sealed class SendCounters
{
    private long requests, accepted, refused503, serverErrors, connectionErrors, unanswered, rejected, rateLimited, inFlight;

    public long Requests => Interlocked.Read(ref requests);
    public long Accepted => Interlocked.Read(ref accepted);
    public long Refused503 => Interlocked.Read(ref refused503);
    public long ServerErrors => Interlocked.Read(ref serverErrors);
    public long ConnectionErrors => Interlocked.Read(ref connectionErrors);
    public long Unanswered => Interlocked.Read(ref unanswered);
    public long Rejected => Interlocked.Read(ref rejected);
    public long RateLimited => Interlocked.Read(ref rateLimited);

    /// <summary>Requests sent and not yet answered (or failed), now.</summary>
    public long InFlight => Interlocked.Read(ref inFlight);

    public void Sending() => Interlocked.Increment(ref inFlight);

    public void Ended() => Interlocked.Decrement(ref inFlight);

    public void Count(SendOutcome outcome, bool wasRateLimited)
    {
        Interlocked.Increment(ref requests);
        _ = outcome switch
        {
            SendOutcome.Accepted => Interlocked.Increment(ref accepted),
            SendOutcome.Refused503 => Interlocked.Increment(ref refused503),
            SendOutcome.ServerError => Interlocked.Increment(ref serverErrors),
            SendOutcome.ConnectionError => Interlocked.Increment(ref connectionErrors),
            SendOutcome.Unanswered => Interlocked.Increment(ref unanswered),
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
/// (after Retry-After, capped so a run stays short) until it gets a 202 or the deadline passes. A request whose
/// answer never came is retried too, unless the caller wants to see what became of it (the fault run).
/// </summary>
public sealed class IngestClient(HttpClient http, SendCounters counters, TimeSpan maxRetryWait)
{
    public SendCounters Counters { get; } = counters;

    /// <summary>Sends until a 202, a rejection, the deadline, or (with <paramref name="retryUnanswered"/> false) the first attempt without an answer.</summary>
    public async Task<SendResult> SendUntilAcceptedAsync(BenchDevice device, EventBatch batch, DateTimeOffset deadline, CancellationToken ct,
        bool retryUnanswered = true)
    {
        var unanswered = false;
        while (!ct.IsCancellationRequested)
        {
            var (outcome, retryAfter, limited) = await SendOnceAsync(device, batch, ct);
            Counters.Count(outcome, limited);
            unanswered |= outcome == SendOutcome.Unanswered;
            if (outcome == SendOutcome.Accepted)
            {
                return new SendResult(DateTimeOffset.UtcNow, unanswered);
            }

            if (outcome == SendOutcome.Rejected || (outcome == SendOutcome.Unanswered && !retryUnanswered) || DateTimeOffset.UtcNow > deadline)
            {
                return new SendResult(null, unanswered);
            }

            await Task.Delay(retryAfter < maxRetryWait ? retryAfter : maxRetryWait, ct);
        }

        return new SendResult(null, unanswered);
    }

    private async Task<(SendOutcome Outcome, TimeSpan RetryAfter, bool RateLimited)> SendOnceAsync(BenchDevice device, EventBatch batch, CancellationToken ct)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "/v1/events") { Content = new ByteArrayContent(batch.Body) };
        request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", device.Key);
        Counters.Sending();
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
        catch (HttpRequestException e) when (e.HttpRequestError == HttpRequestError.ConnectionError)
        {
            return (SendOutcome.ConnectionError, TimeSpan.FromSeconds(1), false);
        }
        catch (HttpRequestException)
        {
            // The connection broke after the request went out: the Api may have accepted it or not.
            return (SendOutcome.Unanswered, TimeSpan.FromSeconds(1), false);
        }
        catch (TaskCanceledException) when (!ct.IsCancellationRequested)
        {
            // HttpClient's own timeout: the device does not know whether the batch arrived.
            return (SendOutcome.Unanswered, TimeSpan.FromSeconds(1), false);
        }
        finally
        {
            Counters.Ended();
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
