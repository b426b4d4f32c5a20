using System.ComponentModel.DataAnnotations;

namespace SkinProgress.Worker.Scoring;

/// <summary>How the Worker groups scoring messages into transactions (section <c>Scoring</c>).</summary>
public sealed class ScoringOptions
{
    public const string Section = "Scoring";

    /// <summary>Most messages stored in one transaction.</summary>
    [Range(1, 1000)]
    public int MaxMessagesPerCommit { get; set; } = 100;

    /// <summary>Transactions in flight at once; each holds one database connection.</summary>
    [Range(1, 32)]
    public int Writers { get; set; } = 2;

    /// <summary>
    /// Messages being consumed at once (and the broker's prefetch): enough to fill every writer's next group while it
    /// commits. The Api's messages carry many requests (up to 1,000 events, 1 MiB), so each one in flight is held in
    /// memory many times over: at 128 the Worker reached ~460 MB under the benchmark's load, at 32 ~330 MB, with groups
    /// as large and no more CPU per event (bench/README.md, "Worker memory").
    /// </summary>
    [Range(1, 10_000)]
    public int ConcurrentMessages { get; set; } = 32;
}
