using System.ComponentModel.DataAnnotations;

namespace SkinProgress.Worker.Connections;

public sealed class ConnectionSyncOptions
{
    public const string Section = "Connections";

    /// <summary>
    /// Days a backfill fetches per chunk. Each chunk is published and recorded before the next, so it bounds what a
    /// crash fetches again and sets the steps of the progress people see; 15 days is one page of every provider's list
    /// call for anyone but the busiest athlete (Strava pages 200 activities), and six chunks for the default 90 days.
    /// </summary>
    [Range(1, 3650)]
    public int BackfillChunkDays { get; set; } = 15;

    /// <summary>An access token expiring sooner than this is refreshed before it is used.</summary>
    public TimeSpan RefreshBefore { get; set; } = TimeSpan.FromMinutes(5);
}
