using System.ComponentModel.DataAnnotations;

namespace SkinProgress.Api.RateLimits;

public sealed class RateLimitOptions
{
    public const string Section = "RateLimits";

    /// <summary>Requests per minute one device key may make to the ingest endpoints (ENG default: a watch syncs far less).</summary>
    [Range(1, 1_000_000)]
    public int DeviceRequestsPerMinute { get; set; } = 600;

    /// <summary>
    /// Webhook requests per minute from one address to one provider's route: providers send bursts after an outage
    /// (Strava's and Polar's retries), far below this; an address sending more is not a provider.
    /// </summary>
    [Range(1, 1_000_000)]
    public int WebhookRequestsPerMinute { get; set; } = 1200;
}
