using System.ComponentModel.DataAnnotations;

namespace SkinProgress.Api.Connections;

public sealed class ConnectionsOptions
{
    public const string Section = "Connections";

    /// <summary>How far back a new connection's backfill reaches.</summary>
    [Range(1, 3650)]
    public int BackfillDays { get; set; } = 90;
}
