using System.Text.Json;
using Npgsql;
using NpgsqlTypes;
using static SkinProgress.Data.SqlParameters;
using SkinProgress.Days;

namespace SkinProgress.Data.Days;

/// <summary>
/// The hand-written statements of <c>daily_totals</c>. Its column list is written once, here, with the values each
/// column takes; a test checks it against the EF model, so a column added there and not here fails the build's tests.
/// </summary>
public static class DayStatements
{
    private sealed record Column(string Name, Func<IReadOnlyList<DayWrite>, NpgsqlParameter> Values);

    private static readonly Column[] Computed =
    [
        new("user_id", t => ArrayOf(t.Select(d => d.User))),
        new("local_date", t => ArrayOf(t.Select(d => d.Day.Date), NpgsqlDbType.Date)),
        new("workout_minutes", t => ArrayOf(t.Select(d => JsonSerializer.Serialize(d.Day.WorkoutMinutes)), NpgsqlDbType.Jsonb)),
        new("moderate_equivalent_minutes", t => ArrayOf(t.Select(d => d.Day.ModerateEquivalentMinutes))),
        new("strength_sessions", t => ArrayOf(t.Select(d => d.Day.StrengthSessions))),
        new("protein_grams", t => ArrayOf(t.Select(d => d.Day.ProteinGrams))),
        new("energy_kcal", t => ArrayOf(t.Select(d => d.Day.EnergyKcal))),
        new("workout_energy_kcal", t => ArrayOf(t.Select(d => d.Day.WorkoutEnergyKcal))),
        new("fluids_ml", t => ArrayOf(t.Select(d => d.Day.FluidsMl))),
        new("last_weight_kg", t => ArrayOf(t.Select(d => d.Day.LastWeightKg), NpgsqlDbType.Double)),
        new("skin_checks", t => ArrayOf(t.Select(d => d.Day.SkinChecks))),
        new("meal_count", t => ArrayOf(t.Select(d => d.Day.MealCount))),
        new("event_count", t => ArrayOf(t.Select(d => d.Day.EventCount))),
        new("explanation", t => ArrayOf(
            t.Select(d => d.Explanation is null ? null : JsonSerializer.Serialize(d.Explanation, DailyTotalRow.ExplanationJson)), NpgsqlDbType.Jsonb)),
    ];

    /// <summary>Every column the write sets: the computed ones, then the time of the write.</summary>
    public static IReadOnlyList<string> Columns { get; } = [.. Computed.Select(c => c.Name), "updated_at"];

    private static readonly string Upsert = $"""
        insert into daily_totals ({string.Join(", ", Columns)})
        select t.*, ${Computed.Length + 1} from unnest({string.Join(", ", Computed.Select((_, i) => $"${i + 1}"))})
            as t({string.Join(", ", Computed.Select(c => c.Name))})
        on conflict (user_id, local_date) do update set
            {string.Join(", ", Columns.Skip(2).Select(c => $"{c} = excluded.{c}"))}
        """;

    /// <summary>
    /// Writes the days' totals in one statement (replacing what was stored: they are recomputed, never added to), and
    /// deletes the days that no longer hold any event.
    /// </summary>
    public static async Task WriteAsync(NpgsqlConnection connection, IReadOnlyList<DayWrite> totals,
        IReadOnlyCollection<UserDay> empty, DateTimeOffset now, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(totals);
        ArgumentNullException.ThrowIfNull(empty);
        await using var batch = new NpgsqlBatch(connection);
        if (empty.Count > 0)
        {
            batch.BatchCommands.Add(new NpgsqlBatchCommand("""
                delete from daily_totals d using unnest($1, $2) as e(user_id, local_date)
                where d.user_id = e.user_id and d.local_date = e.local_date
                """)
            {
                Parameters = { ArrayOf(empty.Select(e => e.UserId)), ArrayOf(empty.Select(e => e.Date), NpgsqlDbType.Date) },
            });
        }

        if (totals.Count > 0)
        {
            var upsert = new NpgsqlBatchCommand(Upsert);
            foreach (var column in Computed)
            {
                upsert.Parameters.Add(column.Values(totals));
            }

            upsert.Parameters.Add(new NpgsqlParameter { Value = now.ToUniversalTime(), NpgsqlDbType = NpgsqlDbType.TimestampTz });
            batch.BatchCommands.Add(upsert);
        }

        if (batch.BatchCommands.Count > 0)
        {
            await batch.ExecuteNonQueryAsync(ct);
        }
    }

    /// <summary>The days of the user that hold totals.</summary>
    public static async Task<List<DateOnly>> ReadDatesAsync(NpgsqlConnection connection, Guid userId, CancellationToken ct)
    {
        await using var select = new NpgsqlCommand("select local_date from daily_totals where user_id = $1", connection) { Parameters = { new() { Value = userId } } };
        await using var reader = await select.ExecuteReaderAsync(ct);
        var dates = new List<DateOnly>();
        while (await reader.ReadAsync(ct))
        {
            dates.Add(reader.GetFieldValue<DateOnly>(0));
        }

        return dates;
    }

    /// <summary>The stored totals of the users' days.</summary>
    public static async Task<List<(Guid User, DailyTotals Day)>> ReadAsync(NpgsqlConnection connection, IReadOnlyCollection<Guid> userIds, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(userIds);
        await using var select = new NpgsqlCommand($"select {string.Join(", ", Computed.Select(c => c.Name))} from daily_totals where user_id = any($1)", connection)
        {
            Parameters = { ArrayOf(userIds) },
        };
        await using var reader = await select.ExecuteReaderAsync(ct);
        var days = new List<(Guid, DailyTotals)>();
        while (await reader.ReadAsync(ct))
        {
            days.Add((reader.GetGuid(0), new DailyTotals(
                reader.GetFieldValue<DateOnly>(1),
                JsonSerializer.Deserialize<Dictionary<string, double>>(reader.GetString(2)) ?? [],
                reader.GetDouble(3),
                reader.GetInt32(4),
                reader.GetDouble(5),
                reader.GetDouble(6),
                reader.GetDouble(7),
                reader.GetDouble(8),
                reader.IsDBNull(9) ? null : reader.GetDouble(9),
                reader.GetInt32(10),
                reader.GetInt32(11),
                reader.GetInt32(12))));
        }

        return days;
    }

    /// <summary>Events counted in the totals of the days in a date range, whoever's they are.</summary>
    public static async Task<long> CountEventsAsync(NpgsqlConnection connection, DateOnly from, DateOnly to, CancellationToken ct)
    {
        await using var count = new NpgsqlCommand("select coalesce(sum(event_count), 0)::bigint from daily_totals where local_date between $1 and $2", connection)
        {
            Parameters = { Date(from), Date(to) },
        };
        return (long)(await count.ExecuteScalarAsync(ct))!;
    }

    /// <summary>
    /// When each day of a date range was last committed, from PostgreSQL's own commit timestamps where
    /// <c>track_commit_timestamp</c> is on (the time of the write otherwise).
    /// </summary>
    public static async Task<Dictionary<UserDay, DateTimeOffset>> CommitTimesAsync(NpgsqlConnection connection, DateOnly from, DateOnly to, CancellationToken ct)
    {
        await using var select = new NpgsqlCommand($"""
            select user_id, local_date, {CommitTime}
            from daily_totals where local_date between $1 and $2
            """, connection)
        {
            Parameters = { Date(from), Date(to) },
        };
        var times = new Dictionary<UserDay, DateTimeOffset>();
        await using var reader = await select.ExecuteReaderAsync(ct);
        while (await reader.ReadAsync(ct))
        {
            times[new UserDay(reader.GetGuid(0), reader.GetFieldValue<DateOnly>(1))] = reader.GetFieldValue<DateTimeOffset>(2);
        }

        return times;
    }

    /// <summary>The latest commit of any day, as <see cref="CommitTimesAsync"/> reads it; null when no day is stored.</summary>
    public static async Task<DateTimeOffset?> LastCommitAsync(NpgsqlConnection connection, CancellationToken ct)
    {
        await using var select = new NpgsqlCommand($"select max({CommitTime}) from daily_totals", connection);
        await using var reader = await select.ExecuteReaderAsync(ct);
        await reader.ReadAsync(ct);
        return reader.IsDBNull(0) ? null : reader.GetFieldValue<DateTimeOffset>(0);
    }

    /// <summary>
    /// Bulk-inserts the rows a query selects (seeding a benchmark's data set): the query names every column of
    /// <see cref="Columns"/>, which are taken from it by name, so a column it lacks is an error, not a shifted value.
    /// </summary>
    public static Task InsertSelectedAsync(NpgsqlConnection connection, string query, CancellationToken ct) =>
        SelectedRows.InsertAsync(connection, "daily_totals", Columns, query, ct);

    /// <summary>Asking for a commit timestamp is an error while they are not tracked, not a null.</summary>
    private const string CommitTime =
        "coalesce(case when current_setting('track_commit_timestamp')::boolean then pg_xact_commit_timestamp(xmin) end, updated_at)";

    private static NpgsqlParameter Date(DateOnly date) => new() { Value = date, NpgsqlDbType = NpgsqlDbType.Date };
}
