namespace SkinProgress.IntegrationTests.Connections.StandIns;

/// <summary>Failures the next API requests get, in order: each answered with its status instead of data.</summary>
public sealed class StandInFaults
{
    private readonly Queue<StandInFault> _queue = new();
    private readonly Lock _lock = new();

    /// <summary>The next <paramref name="count"/> API requests answer 429 with <c>Retry-After</c>.</summary>
    public void TooManyRequests(int count, int retryAfterSeconds) => Add(count, new StandInFault(429, retryAfterSeconds));

    /// <summary>The next <paramref name="count"/> API requests answer a server error.</summary>
    public void ServerErrors(int count, int status = 503) => Add(count, new StandInFault(status, null));

    public StandInFault? Next()
    {
        lock (_lock)
        {
            return _queue.TryDequeue(out var fault) ? fault : null;
        }
    }

    private void Add(int count, StandInFault fault)
    {
        lock (_lock)
        {
            for (var i = 0; i < count; i++)
            {
                _queue.Enqueue(fault);
            }
        }
    }
}

public sealed record StandInFault(int Status, int? RetryAfterSeconds);
