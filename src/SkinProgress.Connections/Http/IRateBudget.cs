namespace SkinProgress.Connections.Http;

/// <summary>
/// A provider application's request budget, shared by every process that calls the provider with the same client
/// id: an implementation must count atomically where all of them see it (PostgreSQL in production, memory in a
/// single process).
/// </summary>
public interface IRateBudget
{
    /// <summary>
    /// Takes one request from every window, all or none. Returns null when taken, or the time the first spent window
    /// ends (when asking again can succeed).
    /// </summary>
    ValueTask<DateTimeOffset?> TryTakeAsync(string provider, IReadOnlyList<RateWindow> windows, DateTimeOffset now, CancellationToken cancellationToken);

    /// <summary>
    /// Raises a window's count to what the provider reports it has counted (Strava's <c>X-RateLimit-Usage</c>), so
    /// requests made outside this budget (another deployment, a script with the same app) are respected too.
    /// </summary>
    ValueTask ObserveAsync(string provider, RateWindow window, long used, DateTimeOffset now, CancellationToken cancellationToken);
}
