using Npgsql;
using NpgsqlTypes;
using static SkinProgress.Data.SqlParameters;
using SkinProgress.Data.Days;
using SkinProgress.Days;

namespace SkinProgress.Data.Events;

/// <summary>
/// The hand-written statements of <c>raw_events</c>. Each runs in the caller's open transaction, which for every write
/// holds the users' locks (<see cref="Users.UserStatements.LockAsync"/>): the reads they make before writing see
/// everything stored for those users.
/// </summary>
public static class EventStatements
{
    /// <summary>A column the store writes: as one array parameter of the <c>unnest</c> upsert, or as one field of a COPY row.</summary>
    private abstract record Column(string Name)
    {
        public abstract NpgsqlParameter Values(IReadOnlyList<RawEvent> rows);

        public abstract Task WriteAsync(NpgsqlBinaryImporter copy, RawEvent row, CancellationToken ct);
    }

    private sealed record Column<T>(string Name, NpgsqlDbType Type, Func<RawEvent, T> Value) : Column(Name)
    {
        public override NpgsqlParameter Values(IReadOnlyList<RawEvent> rows) => ArrayOf(rows.Select(Value), Type);

        // Npgsql writes a null value as NULL, so the nullable columns need no branch of their own.
        public override Task WriteAsync(NpgsqlBinaryImporter copy, RawEvent row, CancellationToken ct) => copy.WriteAsync(Value(row), Type, ct);
    }

    private static readonly Column[] Key =
    [
        new Column<Guid>("user_id", NpgsqlDbType.Uuid, e => e.UserId),
        new Column<string>("source", NpgsqlDbType.Text, e => e.Source),
        new Column<string>("external_id", NpgsqlDbType.Text, e => e.ExternalId),
        new Column<DateTimeOffset>("received_at", NpgsqlDbType.TimestampTz, e => e.ReceivedAt),
    ];

    /// <summary>What the event says: a stored version differing in any of these is another version of it.</summary>
    private static readonly Column[] Content =
    [
        new Column<Guid>("device_id", NpgsqlDbType.Uuid, e => e.DeviceId),
        new Column<string>("type", NpgsqlDbType.Text, e => e.Type),
        new Column<DateTimeOffset>("occurred_at", NpgsqlDbType.TimestampTz, e => e.OccurredAt),
        new Column<short>("occurred_offset_minutes", NpgsqlDbType.Smallint, e => e.OccurredOffsetMinutes),
        new Column<DateOnly>("local_date", NpgsqlDbType.Date, e => e.LocalDate),
        new Column<string?>("activity", NpgsqlDbType.Text, e => e.Activity),
        new Column<double?>("duration_minutes", NpgsqlDbType.Double, e => e.DurationMinutes),
        new Column<string?>("intensity", NpgsqlDbType.Text, e => e.Intensity),
        new Column<double?>("distance_km", NpgsqlDbType.Double, e => e.DistanceKm),
        new Column<double?>("energy_kcal", NpgsqlDbType.Double, e => e.EnergyKcal),
        new Column<int?>("avg_heart_rate", NpgsqlDbType.Integer, e => e.AvgHeartRate),
        new Column<double?>("protein_grams", NpgsqlDbType.Double, e => e.ProteinGrams),
        new Column<double?>("carbs_grams", NpgsqlDbType.Double, e => e.CarbsGrams),
        new Column<double?>("fat_grams", NpgsqlDbType.Double, e => e.FatGrams),
        new Column<double?>("vitamin_c_mg", NpgsqlDbType.Double, e => e.VitaminCMg),
        new Column<string?>("meal_name", NpgsqlDbType.Text, e => e.MealName),
        new Column<double?>("volume_ml", NpgsqlDbType.Double, e => e.VolumeMl),
        new Column<double?>("weight_kg", NpgsqlDbType.Double, e => e.WeightKg),
        new Column<double?>("body_fat_percent", NpgsqlDbType.Double, e => e.BodyFatPercent),
        new Column<string?>("skin_check", NpgsqlDbType.Jsonb, e => e.SkinCheck),
    ];

    /// <summary>Every column the store writes, in the order of its parameters.</summary>
    public static IReadOnlyList<string> Columns { get; } = [.. Key.Concat(Content).Select(c => c.Name)];

    private static readonly string ColumnList = string.Join(", ", Columns);

    private static string ContentOf(string row) => $"row({string.Join(", ", Content.Select(c => $"{row}.{c.Name}"))})";

    /// <summary>
    /// Latest wins: a version replaces the stored one when it was accepted later. Two versions accepted at the same
    /// instant are ordered by their content's text (the greater wins), so whichever of them is scored first, the same
    /// one stays; an identical one is not newer.
    /// </summary>
    private static string Wins(string offered, string stored) => $"""
        ({offered}.received_at > {stored}.received_at
            or ({offered}.received_at = {stored}.received_at and {ContentOf(offered)}::text > {ContentOf(stored)}::text))
        """;

    // The changed CTE reads the stored version of every offered row before the upsert replaces it: an event moved to
    // another day must be taken out of the old one too. A newer identical version only moves received_at forward, so it
    // touches no day. The read is LATERAL so each offered row is one primary-key lookup: a join against unnest() is
    // planned without knowing its size, and a hash join scanned the whole user.
    private static string Upsert(string offered) => $"""
        with offered as ({offered}),
        changed as (
            select o.user_id, o.local_date, s.local_date as old_date
            from offered o left join lateral (
                select * from raw_events r where r.user_id = o.user_id and r.source = o.source and r.external_id = o.external_id) s on true
            where s.user_id is null or ({Wins("o", "s")} and {ContentOf("o")} is distinct from {ContentOf("s")})
        ),
        up as (
            insert into raw_events ({ColumnList}) select {ColumnList} from offered
            on conflict (user_id, source, external_id) do update set
                {string.Join(", ", Columns.Skip(3).Select(c => $"{c} = excluded.{c}"))}
            where {Wins("excluded", "raw_events")}
        )
        select user_id, local_date from changed union select user_id, old_date from changed where old_date is not null
        """;

    private static readonly string UnnestUpsert =
        Upsert($"select * from unnest({string.Join(", ", Columns.Select((_, i) => $"${i + 1}"))}) as t({ColumnList})");

    private static readonly string StagedUpsert = Upsert("select * from pg_temp.raw_events_offered");

    private static readonly string ReadColumns = string.Join(", ", Columns.Select(c => $"r.{c}"));

    /// <summary>
    /// From this many rows a group is sent with a binary COPY into a temporary table and upserted from there, instead
    /// of as one array parameter per column: it costs PostgreSQL less per row for large groups, more for small ones
    /// (bench/README.md, "Storing large groups through COPY").
    /// </summary>
    public const int StagedFrom = 1000;

    /// <summary>
    /// Stores each row unless the stored version of it is newer, and returns the days whose events changed (the new
    /// day and, for a moved event, the old one). Each (user, source, id) may appear once.
    /// </summary>
    public static async Task<List<UserDay>> StoreAsync(NpgsqlConnection connection, IReadOnlyList<RawEvent> rows, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(rows);
        if (rows.Count == 0)
        {
            return [];
        }

        if (rows.Count >= StagedFrom)
        {
            await StageAsync(connection, rows, ct);
            await using var staged = new NpgsqlCommand(StagedUpsert, connection);
            return await ReadDaysAsync(staged, ct);
        }

        await using var upsert = new NpgsqlCommand(UnnestUpsert, connection);
        foreach (var column in Key.Concat(Content))
        {
            upsert.Parameters.Add(column.Values(rows));
        }

        return await ReadDaysAsync(upsert, ct);
    }

    /// <summary>
    /// Copies the rows into a temporary table that lives until the transaction ends (so a pooled connection keeps
    /// nothing), made anew if this transaction already staged a group.
    /// </summary>
    private static async Task StageAsync(NpgsqlConnection connection, IReadOnlyList<RawEvent> rows, CancellationToken ct)
    {
        await using (var create = new NpgsqlBatch(connection)
        {
            BatchCommands =
            {
                new NpgsqlBatchCommand("drop table if exists pg_temp.raw_events_offered"),
                new NpgsqlBatchCommand("create temp table raw_events_offered (like raw_events) on commit drop"),
            },
        })
        {
            await create.ExecuteNonQueryAsync(ct);
        }

        var columns = Key.Concat(Content).ToList();
        await using var copy = await connection.BeginBinaryImportAsync($"copy pg_temp.raw_events_offered ({ColumnList}) from stdin (format binary)", ct);
        foreach (var row in rows)
        {
            await copy.StartRowAsync(ct);
            foreach (var column in columns)
            {
                await column.WriteAsync(copy, row, ct);
            }
        }

        await copy.CompleteAsync(ct);
    }

    /// <summary>
    /// Every stored event of the days, with who reported it; a day without events is there, empty.
    /// <para>
    /// Each day is one lookup of the (user, local date) index, whatever the table holds: <c>offset 0</c> keeps PostgreSQL
    /// from flattening the lateral read into a join it may plan as a hash join over all of <c>raw_events</c>. It did so
    /// whenever the statistics showed few distinct dates (as under the benchmark's load), and then every group read the
    /// whole table: 124 ms instead of 1.8 ms for 67 days of 12 events among 121,000 rows.
    /// </para>
    /// </summary>
    public static async Task<Dictionary<UserDay, List<SourcedEvent>>> ReadDaysAsync(NpgsqlConnection connection, IEnumerable<UserDay> days, CancellationToken ct)
    {
        var byDay = days.Distinct().ToDictionary(d => d, _ => new List<SourcedEvent>());
        if (byDay.Count == 0)
        {
            return byDay;
        }

        await using var select = new NpgsqlCommand($"""
            select {ReadColumns}
            from unnest($1, $2) as k(user_id, local_date)
            cross join lateral (select * from raw_events r where r.user_id = k.user_id and r.local_date = k.local_date offset 0) r
            """, connection)
        {
            Parameters = { ArrayOf(byDay.Keys.Select(k => k.UserId)), ArrayOf(byDay.Keys.Select(k => k.Date), NpgsqlDbType.Date) },
        };
        await using var reader = await select.ExecuteReaderAsync(ct);
        while (await reader.ReadAsync(ct))
        {
            var row = Read(reader);
            byDay[new UserDay(row.UserId, row.LocalDate)].Add(row.ToSourcedEvent());
        }

        return byDay;
    }

    /// <summary>
    /// Removes the source's events with these ids that were accepted no later than the removal (a re-send accepted
    /// after it stays), and returns the days they were on.
    /// </summary>
    public static async Task<List<UserDay>> RemoveAsync(NpgsqlConnection connection, Guid userId, string source, IReadOnlyCollection<string> ids,
        DateTimeOffset acceptedBy, CancellationToken ct)
    {
        await using var delete = new NpgsqlCommand("""
            delete from raw_events where user_id = $1 and source = $2 and external_id = any($3) and received_at <= $4
            returning user_id, local_date
            """, connection)
        {
            Parameters = { new() { Value = userId }, new() { Value = source }, new() { Value = ids.ToArray() }, Timestamp(acceptedBy) },
        };
        return await ReadDaysAsync(delete, ct);
    }

    /// <summary>Removes every event the device reported and accepted no later than the removal; returns their days.</summary>
    public static async Task<List<UserDay>> RemoveSourceAsync(NpgsqlConnection connection, Guid userId, Guid deviceId, DateTimeOffset acceptedBy,
        CancellationToken ct)
    {
        await using var delete = new NpgsqlCommand("""
            delete from raw_events where user_id = $1 and device_id = $2 and received_at <= $3
            returning user_id, local_date
            """, connection)
        {
            Parameters = { new() { Value = userId }, new() { Value = deviceId }, Timestamp(acceptedBy) },
        };
        return await ReadDaysAsync(delete, ct);
    }

    /// <summary>
    /// Derives the local date of every event of the user again in a new zone, and returns the days that may have
    /// changed: every day the user's events are on now and every day one left.
    /// </summary>
    public static async Task<List<UserDay>> RelocateAsync(NpgsqlConnection connection, Guid userId, TimeZoneInfo zone, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(zone);
        var moved = new List<(string Source, string Id, DateOnly From, DateOnly To)>();
        var days = new HashSet<UserDay>();
        await using (var select = new NpgsqlCommand("select source, external_id, occurred_at, local_date from raw_events where user_id = $1", connection)
        {
            Parameters = { new() { Value = userId } },
        })
        {
            await using var reader = await select.ExecuteReaderAsync(ct);
            while (await reader.ReadAsync(ct))
            {
                var stored = reader.GetFieldValue<DateOnly>(3);
                var local = LocalDay.Of(reader.GetFieldValue<DateTimeOffset>(2), zone);
                days.Add(new UserDay(userId, local));
                if (local != stored)
                {
                    moved.Add((reader.GetString(0), reader.GetString(1), stored, local));
                    days.Add(new UserDay(userId, stored));
                }
            }
        }

        if (moved.Count > 0)
        {
            await using var update = new NpgsqlCommand("""
                update raw_events r set local_date = m.local_date
                from unnest($2, $3, $4) as m(source, external_id, local_date)
                where r.user_id = $1 and r.source = m.source and r.external_id = m.external_id
                """, connection)
            {
                Parameters =
                {
                    new() { Value = userId }, ArrayOf(moved.Select(m => m.Source)), ArrayOf(moved.Select(m => m.Id)),
                    ArrayOf(moved.Select(m => m.To), NpgsqlDbType.Date),
                },
            };
            await update.ExecuteNonQueryAsync(ct);
        }

        return [.. days];
    }

    /// <summary>The key of every event stored for the users.</summary>
    public static async Task<List<(Guid User, string Source, string Id)>> ReadKeysAsync(NpgsqlConnection connection, IReadOnlyCollection<Guid> userIds,
        CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(userIds);
        await using var select = new NpgsqlCommand("select user_id, source, external_id from raw_events where user_id = any($1)", connection)
        {
            Parameters = { ArrayOf(userIds) },
        };
        await using var reader = await select.ExecuteReaderAsync(ct);
        var keys = new List<(Guid, string, string)>();
        while (await reader.ReadAsync(ct))
        {
            keys.Add((reader.GetGuid(0), reader.GetString(1), reader.GetString(2)));
        }

        return keys;
    }

    /// <summary>
    /// Bulk-inserts the rows a query selects (seeding a benchmark's data set): the query names every column of
    /// <see cref="Columns"/>, which are taken from it by name, so a column it lacks is an error, not a shifted value.
    /// </summary>
    public static Task InsertSelectedAsync(NpgsqlConnection connection, string query, CancellationToken ct) =>
        SelectedRows.InsertAsync(connection, "raw_events", Columns, query, ct);

    private static async Task<List<UserDay>> ReadDaysAsync(NpgsqlCommand command, CancellationToken ct)
    {
        var days = new HashSet<UserDay>();
        await using var reader = await command.ExecuteReaderAsync(ct);
        while (await reader.ReadAsync(ct))
        {
            days.Add(new UserDay(reader.GetGuid(0), reader.GetFieldValue<DateOnly>(1)));
        }

        return [.. days];
    }

    /// <summary>Reads a row selected as <see cref="Columns"/>, in that order.</summary>
    private static RawEvent Read(NpgsqlDataReader r) => new()
    {
        UserId = r.GetGuid(0),
        Source = r.GetString(1),
        ExternalId = r.GetString(2),
        ReceivedAt = r.GetFieldValue<DateTimeOffset>(3),
        DeviceId = r.GetGuid(4),
        Type = r.GetString(5),
        OccurredAt = r.GetFieldValue<DateTimeOffset>(6),
        OccurredOffsetMinutes = r.GetInt16(7),
        LocalDate = r.GetFieldValue<DateOnly>(8),
        Activity = Nullable<string>(r, 9),
        DurationMinutes = NullableValue<double>(r, 10),
        Intensity = Nullable<string>(r, 11),
        DistanceKm = NullableValue<double>(r, 12),
        EnergyKcal = NullableValue<double>(r, 13),
        AvgHeartRate = NullableValue<int>(r, 14),
        ProteinGrams = NullableValue<double>(r, 15),
        CarbsGrams = NullableValue<double>(r, 16),
        FatGrams = NullableValue<double>(r, 17),
        VitaminCMg = NullableValue<double>(r, 18),
        MealName = Nullable<string>(r, 19),
        VolumeMl = NullableValue<double>(r, 20),
        WeightKg = NullableValue<double>(r, 21),
        BodyFatPercent = NullableValue<double>(r, 22),
        SkinCheck = Nullable<string>(r, 23),
    };

    private static T? Nullable<T>(NpgsqlDataReader r, int ordinal)
        where T : class => r.IsDBNull(ordinal) ? null : r.GetFieldValue<T>(ordinal);

    private static T? NullableValue<T>(NpgsqlDataReader r, int ordinal)
        where T : struct => r.IsDBNull(ordinal) ? null : r.GetFieldValue<T>(ordinal);
}
