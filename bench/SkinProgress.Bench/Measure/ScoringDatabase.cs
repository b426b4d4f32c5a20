using Npgsql;
using SkinProgress.Data.Days;

namespace SkinProgress.Bench.Measure;

/// <summary>What the Worker has committed, read straight from PostgreSQL.</summary>
public sealed class ScoringDatabase(NpgsqlDataSource data)
{
    /// <summary>Events counted in the daily totals of a date range (each phase uses its own dates).</summary>
    public async Task<long> CountedEventsAsync(DateOnly from, DateOnly to, CancellationToken ct)
    {
        await using var connection = await data.OpenConnectionAsync(ct);
        return await DayStatements.CountEventsAsync(connection, from, to, ct);
    }

    /// <summary>
    /// When each day row of the range was last committed, from PostgreSQL's own commit timestamps
    /// (track_commit_timestamp, which bench/run.sh turns on): exact commit times, no trigger and no polling.
    /// </summary>
    public async Task<Dictionary<(Guid User, DateOnly Date), DateTimeOffset>> CommitTimesAsync(DateOnly from, DateOnly to, CancellationToken ct)
    {
        await using var connection = await data.OpenConnectionAsync(ct);
        return (await DayStatements.CommitTimesAsync(connection, from, to, ct)).ToDictionary(t => (t.Key.UserId, t.Key.Date), t => t.Value);
    }

    /// <summary>The latest commit of any day row: the Worker's heartbeat as seen from the database.</summary>
    public async Task<DateTimeOffset?> LastCommitAsync(CancellationToken ct)
    {
        await using var connection = await data.OpenConnectionAsync(ct);
        return await DayStatements.LastCommitAsync(connection, ct);
    }
}
