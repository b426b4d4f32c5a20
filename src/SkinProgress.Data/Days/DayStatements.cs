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
    private sealed record Column(string Name, Func<IReadOnlyList<(Guid User, DailyTotals Day)>, NpgsqlParameter> Values);

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
    public static async Task WriteAsync(NpgsqlConnection connection, IReadOnlyList<(Guid User, DailyTotals Day)> totals,
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
}
