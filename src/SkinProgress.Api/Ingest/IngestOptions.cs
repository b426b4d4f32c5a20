using System.ComponentModel.DataAnnotations;

namespace SkinProgress.Api.Ingest;

/// <summary>How ingest publishes the requests it accepted (section <c>Ingest</c>).</summary>
public sealed class IngestOptions
{
    public const string Section = "Ingest";

    /// <summary>
    /// Coalesced messages waiting for their publisher confirm at once: requests that arrive while every publisher
    /// waits go out together in the next message. One alone is bound by the broker's confirm latency (a persistent
    /// message is confirmed after its fsync); four kept the broker's and the Worker's per-message price low and
    /// doubled single-event throughput in bench/run.sh.
    /// </summary>
    [Range(1, 16)]
    public int PublishesInFlight { get; set; } = 4;
}
