namespace SkinProgress.Api.Operations;

public sealed class MetricsOptions
{
    public const string Section = "Metrics";

    /// <summary>Whether /metrics takes an admin key (bearer) instead of answering anyone who reaches it (default false).</summary>
    public bool RequireAdminKey { get; set; }
}
