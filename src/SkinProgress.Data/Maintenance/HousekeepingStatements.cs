using Npgsql;

namespace SkinProgress.Data.Maintenance;

/// <summary>
/// PostgreSQL's own housekeeping, run on demand instead of whenever its background processes get to it: for a caller
/// that must start from a database with nothing left over from earlier writes (the benchmark, between its phases).
/// CHECKPOINT needs a superuser or the pg_checkpoint role; VACUUM skips, with a notice, tables the user does not own.
/// </summary>
public static class HousekeepingStatements
{
    /// <summary>
    /// VACUUM (ANALYZE) of every table of the database: the dead rows, visibility map and statistics that autovacuum
    /// would otherwise see to at its next round, while whatever runs then pays for it. Runs as long as it needs.
    /// </summary>
    public static async Task VacuumAnalyzeAsync(NpgsqlConnection connection, CancellationToken ct)
    {
        await using var command = new NpgsqlCommand("vacuum (analyze)", connection) { CommandTimeout = 0 };
        await command.ExecuteNonQueryAsync(ct);
    }

    /// <summary>Writes every dirty buffer out now, so the next checkpoint has only what is written after this one.</summary>
    public static async Task CheckpointAsync(NpgsqlConnection connection, CancellationToken ct)
    {
        await using var command = new NpgsqlCommand("checkpoint", connection) { CommandTimeout = 0 };
        await command.ExecuteNonQueryAsync(ct);
    }

    /// <summary>Autovacuum workers running now, in any database of the server.</summary>
    public static async Task<int> AutovacuumWorkersAsync(NpgsqlConnection connection, CancellationToken ct)
    {
        await using var command = new NpgsqlCommand(
            "select count(*)::int from pg_stat_activity where backend_type = 'autovacuum worker'", connection);
        return (int)(await command.ExecuteScalarAsync(ct))!;
    }
}
