using Npgsql;
using NpgsqlTypes;
using static SkinProgress.Data.SqlParameters;

namespace SkinProgress.Data.Users;

/// <summary>The hand-written statements of <c>devices</c>.</summary>
public static class DeviceStatements
{
    /// <summary>Every column of <c>devices</c>, as <see cref="InsertSelectedAsync"/> takes them from its query.</summary>
    public static IReadOnlyList<string> Columns { get; } = ["id", "user_id", "name", "source", "created_at", "last_event_at", "last_import_at"];

    /// <summary>A device's last event and last import only move forward, whatever order messages are scored in.</summary>
    public static async Task RecordActivityAsync(NpgsqlConnection connection, IReadOnlyCollection<DeviceActivity> devices, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(devices);
        if (devices.Count == 0)
        {
            return;
        }

        await using var update = new NpgsqlCommand("""
            update devices d set
                last_event_at = greatest(d.last_event_at, v.last_event_at),
                last_import_at = greatest(d.last_import_at, v.last_import_at)
            from unnest($1, $2, $3) as v(id, last_event_at, last_import_at)
            where d.id = v.id
            """, connection);
        update.Parameters.Add(ArrayOf(devices.Select(d => d.DeviceId)));
        update.Parameters.Add(ArrayOf(devices.Select(d => d.LastEventAt.ToUniversalTime()), NpgsqlDbType.TimestampTz));
        update.Parameters.Add(ArrayOf(devices.Select(d => d.LastImportAt?.ToUniversalTime()), NpgsqlDbType.TimestampTz));
        await update.ExecuteNonQueryAsync(ct);
    }

    /// <summary>
    /// Bulk-inserts the devices a query selects (seeding a benchmark's data set): the query names every column of
    /// <see cref="Columns"/>, which are taken from it by name, so a column it lacks is an error, not a shifted value.
    /// </summary>
    public static Task InsertSelectedAsync(NpgsqlConnection connection, string query, CancellationToken ct) =>
        SelectedRows.InsertAsync(connection, "devices", Columns, query, ct);
}
