using Npgsql;
using NpgsqlTypes;

namespace SkinProgress.Bench.Measure;

/// <summary>What the Worker has committed, read straight from PostgreSQL.</summary>
public sealed class ScoringDatabase(NpgsqlDataSource data)
{
    /// <summary>Events counted in the daily totals of a date range (each phase uses its own dates).</summary>
    public async Task<long> CountedEventsAsync(DateOnly from, DateOnly to, CancellationToken ct)
    {
        await using var command = data.CreateCommand(
            "select coalesce(sum(event_count), 0)::bigint from daily_totals where local_date between $1 and $2");
        command.Parameters.Add(new NpgsqlParameter { Value = from, NpgsqlDbType = NpgsqlDbType.Date });
        command.Parameters.Add(new NpgsqlParameter { Value = to, NpgsqlDbType = NpgsqlDbType.Date });
        return (long)(await command.ExecuteScalarAsync(ct))!;
    }

    /// <summary>
    /// When each day row of the range was last committed, from PostgreSQL's own commit timestamps
    /// (track_commit_timestamp, which bench/run.sh turns on): exact commit times, no trigger and no polling.
    /// </summary>
    public async Task<Dictionary<(Guid User, DateOnly Date), DateTimeOffset>> CommitTimesAsync(DateOnly from, DateOnly to, CancellationToken ct)
    {
        await using var command = data.CreateCommand("""
            select user_id, local_date, coalesce(pg_xact_commit_timestamp(xmin), updated_at)
            from daily_totals where local_date between $1 and $2
            """);
        command.Parameters.Add(new NpgsqlParameter { Value = from, NpgsqlDbType = NpgsqlDbType.Date });
        command.Parameters.Add(new NpgsqlParameter { Value = to, NpgsqlDbType = NpgsqlDbType.Date });
        var times = new Dictionary<(Guid, DateOnly), DateTimeOffset>();
        await using var reader = await command.ExecuteReaderAsync(ct);
        while (await reader.ReadAsync(ct))
        {
            times[(reader.GetGuid(0), reader.GetFieldValue<DateOnly>(1))] = reader.GetFieldValue<DateTimeOffset>(2);
        }

        return times;
    }

    /// <summary>The latest commit of any day row: the Worker's heartbeat as seen from the database.</summary>
    public async Task<DateTimeOffset?> LastCommitAsync(CancellationToken ct)
    {
        await using var command = data.CreateCommand(
            "select max(coalesce(pg_xact_commit_timestamp(xmin), updated_at)) from daily_totals");
        var value = await command.ExecuteScalarAsync(ct);
        return value is DateTime t ? new DateTimeOffset(t, TimeSpan.Zero) : value as DateTimeOffset?;
    }
}
