using Npgsql;
using SkinProgress.Data.Maintenance;

namespace SkinProgress.IntegrationTests.Data.Maintenance;

/// <summary>Each statement of <see cref="HousekeepingStatements"/>, run against the migrated schema.</summary>
[Collection(RealServices.Name)]
public sealed class HousekeepingStatementsTests(SkinProgressFixture fixture)
{
    [Fact]
    public async Task VacuumAnalyze_VacuumsAndAnalyzesTheSchemasTables()
    {
        await using var connection = await fixture.DataSource.OpenConnectionAsync();
        var before = await ScalarAsync<DateTime>(connection, "select now()");

        await HousekeepingStatements.VacuumAnalyzeAsync(connection, default);

        var (vacuumed, analyzed) = await LastMaintenanceAsync(connection, "raw_events");
        Assert.True(vacuumed >= before, $"raw_events last vacuumed {vacuumed:O}, before {before:O}");
        Assert.True(analyzed >= before, $"raw_events last analyzed {analyzed:O}, before {before:O}");
    }

    [Fact]
    public async Task Checkpoint_IsARequestedCheckpoint()
    {
        await using var connection = await fixture.DataSource.OpenConnectionAsync();
        var before = await ScalarAsync<long>(connection, "select checkpoints_req from pg_stat_bgwriter");

        await HousekeepingStatements.CheckpointAsync(connection, default);

        Assert.True(await ScalarAsync<long>(connection, "select checkpoints_req from pg_stat_bgwriter") > before);
    }

    [Fact]
    public async Task AutovacuumWorkers_IsBetweenNoneAndTheServersMaximum()
    {
        await using var connection = await fixture.DataSource.OpenConnectionAsync();
        var most = int.Parse(await ScalarAsync<string>(connection, "show autovacuum_max_workers"), System.Globalization.CultureInfo.InvariantCulture);

        var workers = await HousekeepingStatements.AutovacuumWorkersAsync(connection, default);

        Assert.InRange(workers, 0, most);
    }

    private static async Task<(DateTime? Vacuumed, DateTime? Analyzed)> LastMaintenanceAsync(NpgsqlConnection connection, string table)
    {
        // Statistics are read as a snapshot per transaction: outside one, each query sees them as they are now.
        await using var command = new NpgsqlCommand("select last_vacuum, last_analyze from pg_stat_user_tables where relname = $1", connection)
        {
            Parameters = { new() { Value = table } },
        };
        await using var reader = await command.ExecuteReaderAsync();
        Assert.True(await reader.ReadAsync());
        return (reader.IsDBNull(0) ? null : reader.GetDateTime(0), reader.IsDBNull(1) ? null : reader.GetDateTime(1));
    }

    private static async Task<T> ScalarAsync<T>(NpgsqlConnection connection, string sql)
    {
        await using var command = new NpgsqlCommand(sql, connection);
        return (T)(await command.ExecuteScalarAsync())!;
    }
}
