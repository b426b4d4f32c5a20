namespace SkinProgress.Connections.Http;

/// <summary>
/// The application's request budget at a provider is spent until <see cref="RetryAt"/>. Nothing was sent; the caller
/// reschedules its work for then (the Worker's fetch or backfill chunk), instead of waiting inside a request.
/// </summary>
public sealed class RateBudgetExhaustedException(string provider, DateTimeOffset retryAt)
    : Exception($"The request budget for {provider} is spent until {retryAt:O}.")
{
    public string Provider { get; } = provider;

    public DateTimeOffset RetryAt { get; } = retryAt;
}
