namespace SkinProgress.Connections.Http;

/// <summary>
/// Takes one request from the provider's budget before every attempt (it sits inside the retry pipeline, so retries
/// are paid for too) and fails with <see cref="RateBudgetExhaustedException"/>, sending nothing, when it is spent.
/// </summary>
public sealed class RateBudgetHandler(string provider, IReadOnlyList<RateWindow> windows, IRateBudget budget, TimeProvider time)
    : DelegatingHandler
{
    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        if (await budget.TryTakeAsync(provider, windows, time.GetUtcNow(), cancellationToken) is { } retryAt)
        {
            throw new RateBudgetExhaustedException(provider, retryAt);
        }

        return await base.SendAsync(request, cancellationToken);
    }
}
