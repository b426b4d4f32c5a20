using Npgsql;

namespace SkinProgress.Data;

/// <summary>The bulk insert behind each table's <c>InsertSelectedAsync</c> (seeding a benchmark's data set).</summary>
internal static class SelectedRows
{
    /// <summary>
    /// Inserts the rows a query selects into the table: the columns are taken from the query by name, so a column it
    /// lacks is an error, not a shifted value.
    /// </summary>
    public static async Task InsertAsync(NpgsqlConnection connection, string table, IReadOnlyList<string> columns, string query, CancellationToken ct)
    {
        var list = string.Join(", ", columns);
        await using var insert = new NpgsqlCommand($"insert into {table} ({list}) select {list} from ({query}) q", connection) { CommandTimeout = 0 };
        await insert.ExecuteNonQueryAsync(ct);
    }
}
