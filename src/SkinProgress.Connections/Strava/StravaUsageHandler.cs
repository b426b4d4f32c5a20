using System.Globalization;
using SkinProgress.Connections.Http;

namespace SkinProgress.Connections.Strava;

/// <summary>
/// Strava reports its own count with every answer (<c>X-RateLimit-Usage: 15min,day</c>); the budget takes the
/// larger of its count and Strava's, so requests made with the same application elsewhere are respected too.
/// </summary>
internal sealed class StravaUsageHandler(IReadOnlyList<RateWindow> windows, IRateBudget budget, TimeProvider time) : DelegatingHandler
{
    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var response = await base.SendAsync(request, cancellationToken);
        if (response.Headers.TryGetValues("X-RateLimit-Usage", out var values))
        {
            var counts = string.Join(',', values).Split(',');
            for (var i = 0; i < Math.Min(counts.Length, windows.Count); i++)
            {
                if (long.TryParse(counts[i].Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out var used))
                {
                    await budget.ObserveAsync(StravaProvider.ProviderName, windows[i], used, time.GetUtcNow(), cancellationToken);
                }
            }
        }

        return response;
    }
}
