using System.ComponentModel.DataAnnotations;

namespace SkinProgress.Api.RateLimits;

public sealed class RateLimitOptions
{
    public const string Section = "RateLimits";

    /// <summary>Requests per minute one device key may make to the ingest endpoints (ENG default: a watch syncs far less).</summary>
    [Range(1, 1_000_000)]
    public int DeviceRequestsPerMinute { get; set; } = 600;
}
