using System.ComponentModel.DataAnnotations;

namespace SkinProgress.Api.Ingest;

/// <summary>How ingest publishes the requests it accepted (section <c>Ingest</c>).</summary>
public sealed class IngestOptions
{
    public const string Section = "Ingest";

    /// <summary>
    /// Coalesced messages waiting for their publisher confirm at once. One is the classic group commit: requests
    /// that arrive while a publish is in flight go out together in the next one.
    /// </summary>
    [Range(1, 16)]
    public int PublishesInFlight { get; set; } = 1;
}
