namespace SkinProgress.Connections.Http;

/// <summary>The budget for one process (tests, a single Worker); several processes need a shared store instead.</summary>
public sealed class InMemoryRateBudget : IRateBudget
{
    private readonly Dictionary<(string Provider, string Window, DateTimeOffset Start), long> _used = [];
    private readonly Lock _lock = new();

    public ValueTask<DateTimeOffset?> TryTakeAsync(string provider, IReadOnlyList<RateWindow> windows, DateTimeOffset now, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(windows);
        lock (_lock)
        {
            foreach (var window in windows)
            {
                var start = window.StartOf(now);
                if (_used.GetValueOrDefault((provider, window.Name, start)) >= window.Limit)
                {
                    return ValueTask.FromResult<DateTimeOffset?>(start + window.Length);
                }
            }

            foreach (var window in windows)
            {
                var key = (provider, window.Name, window.StartOf(now));
                _used[key] = _used.GetValueOrDefault(key) + 1;
            }
        }

        return ValueTask.FromResult<DateTimeOffset?>(null);
    }

    public ValueTask ObserveAsync(string provider, RateWindow window, long used, DateTimeOffset now, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(window);
        lock (_lock)
        {
            var key = (provider, window.Name, window.StartOf(now));
            _used[key] = Math.Max(_used.GetValueOrDefault(key), used);
        }

        return ValueTask.CompletedTask;
    }
}
