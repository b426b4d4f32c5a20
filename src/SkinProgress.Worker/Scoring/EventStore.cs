using System.Data;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;
using Npgsql;
using NpgsqlTypes;
using SkinProgress.Contracts;
using SkinProgress.Data;
using SkinProgress.Days;

namespace SkinProgress.Worker.Scoring;

/// <summary>
/// The scoring writes. A group of messages is stored in one transaction: take the lock of every user in it, upsert
/// the raw events, then recompute the totals of every local day that changed from the stored events.
/// Recomputing (never incrementing) is what makes a redelivered or re-sent message unable to count twice.
/// </summary>
public sealed class EventStore(SkinProgressDbContext db, TimeProvider time)
{
    public static readonly JsonSerializerOptions PayloadJson = new(JsonSerializerDefaults.Web);

    /// <summary>Stores the messages in one transaction and returns how many days were recomputed.</summary>
    public async Task<int> StoreAsync(IReadOnlyList<EventBatchReceived> batches, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(batches);
        await using var transaction = await db.Database.BeginTransactionAsync(IsolationLevel.ReadCommitted, ct);
        var connection = (NpgsqlConnection)db.Database.GetDbConnection();

        // Users erased after their batch was accepted have no zone: there is nobody to store those for.
        var zones = await LockUsersAsync(connection, batches.Select(b => b.UserId), ct);
        var stored = batches.Where(b => zones.ContainsKey(b.UserId)).ToList();
        var rows = EventRows.From(stored, zones);
        if (rows.Count == 0)
        {
            return 0;
        }

        // The CTE reads the old day of every changed row before the upsert replaces it: an event moved to
        // another day must be taken out of the old one too. Identical re-sends change nothing and touch no day.
        // Both reads of raw_events are LATERAL so each input row is one primary-key lookup: a join against
        // unnest() is planned without knowing its size, and a hash join scanned the whole user.
        await using var upsert = new NpgsqlCommand("""
            with input as (
                select * from unnest(@users, @sources, @ids, @devices, @types, @occurred, @dates, @payloads, @hashes, @received)
                    as t(user_id, source, external_id, device_id, type, occurred_at, local_date, payload, content_hash, received_at)
            ),
            old as (
                select r.user_id, r.local_date from input i cross join lateral (
                    select r.user_id, r.local_date from raw_events r
                    where r.user_id = i.user_id and r.source = i.source and r.external_id = i.external_id
                        and r.content_hash <> i.content_hash) r
            ),
            up as (
                insert into raw_events (user_id, source, external_id, device_id, type, occurred_at, local_date, payload, content_hash, received_at)
                select user_id, source, external_id, device_id, type, occurred_at, local_date, payload::jsonb, content_hash, received_at from input
                on conflict (user_id, source, external_id) do update set
                    device_id = excluded.device_id, type = excluded.type, occurred_at = excluded.occurred_at,
                    local_date = excluded.local_date, payload = excluded.payload, content_hash = excluded.content_hash,
                    received_at = excluded.received_at
                where raw_events.content_hash <> excluded.content_hash
                returning user_id, local_date
            )
            select user_id, local_date from up union select user_id, local_date from old
            """, connection, (NpgsqlTransaction)transaction.GetDbTransaction());
        upsert.Parameters.AddWithValue("users", rows.Users.ToArray());
        upsert.Parameters.AddWithValue("sources", rows.Sources.ToArray());
        upsert.Parameters.AddWithValue("ids", rows.Ids.ToArray());
        upsert.Parameters.AddWithValue("devices", rows.Devices.ToArray());
        upsert.Parameters.AddWithValue("types", rows.Types.ToArray());
        upsert.Parameters.AddWithValue("occurred", NpgsqlDbType.Array | NpgsqlDbType.TimestampTz, rows.Occurred.ToArray());
        upsert.Parameters.AddWithValue("dates", NpgsqlDbType.Array | NpgsqlDbType.Date, rows.Dates.ToArray());
        upsert.Parameters.AddWithValue("payloads", rows.Payloads.ToArray());
        upsert.Parameters.AddWithValue("hashes", rows.Hashes.ToArray());
        upsert.Parameters.AddWithValue("received", NpgsqlDbType.Array | NpgsqlDbType.TimestampTz, rows.Received.ToArray());

        var touched = new List<(Guid User, DateOnly Date)>();
        await using (var reader = await upsert.ExecuteReaderAsync(ct))
        {
            while (await reader.ReadAsync(ct))
            {
                touched.Add((reader.GetGuid(0), reader.GetFieldValue<DateOnly>(1)));
            }
        }

        await RecomputeDaysAsync(connection, touched, ct);
        await UpdateDevicesAsync(connection, stored, ct);
        await transaction.CommitAsync(ct);
        return touched.Count;
    }

    /// <summary>A device's last event and last import only move forward, whatever order messages are scored in.</summary>
    private async Task UpdateDevicesAsync(NpgsqlConnection connection, List<EventBatchReceived> batches, CancellationToken ct)
    {
        var devices = batches.GroupBy(b => b.DeviceId)
            .Select(g => (Id: g.Key, Last: g.Max(b => b.ReceivedAt.ToUniversalTime()),
                Imported: g.Where(b => b.ImportId is not null).Select(b => (DateTimeOffset?)b.ReceivedAt.ToUniversalTime()).Max()))
            .ToList();
        await using var update = new NpgsqlCommand("""
            update devices d set
                last_event_at = greatest(d.last_event_at, v.last_event_at),
                last_import_at = greatest(d.last_import_at, v.last_import_at)
            from unnest(@ids, @last, @imported) as v(id, last_event_at, last_import_at)
            where d.id = v.id
            """, connection, (NpgsqlTransaction)db.Database.CurrentTransaction!.GetDbTransaction());
        update.Parameters.AddWithValue("ids", devices.Select(d => d.Id).ToArray());
        update.Parameters.AddWithValue("last", NpgsqlDbType.Array | NpgsqlDbType.TimestampTz, devices.Select(d => d.Last).ToArray());
        update.Parameters.AddWithValue("imported", NpgsqlDbType.Array | NpgsqlDbType.TimestampTz,
            devices.Select(d => d.Imported is { } at ? (object)at : DBNull.Value).ToArray());
        await update.ExecuteNonQueryAsync(ct);
    }

    /// <summary>A new time zone moves events between days: derive every local date again, then every day.</summary>
    public async Task RelocateAsync(Guid userId, CancellationToken ct)
    {
        await using var transaction = await db.Database.BeginTransactionAsync(IsolationLevel.ReadCommitted, ct);
        var connection = (NpgsqlConnection)db.Database.GetDbConnection();
        if (!(await LockUsersAsync(connection, [userId], ct)).TryGetValue(userId, out var zone))
        {
            return;
        }

        var events = await db.RawEvents.Where(r => r.UserId == userId)
            .Select(r => new { r.Source, r.ExternalId, r.OccurredAt, r.LocalDate }).ToListAsync(ct);
        foreach (var moved in events.Where(e => LocalDay.Of(e.OccurredAt, zone) != e.LocalDate))
        {
            var date = LocalDay.Of(moved.OccurredAt, zone);
            await db.RawEvents.Where(r => r.UserId == userId && r.Source == moved.Source && r.ExternalId == moved.ExternalId)
                .ExecuteUpdateAsync(s => s.SetProperty(r => r.LocalDate, date), ct);
        }

        var days = await db.DailyTotals.Where(d => d.UserId == userId).Select(d => d.LocalDate).ToListAsync(ct);
        days.AddRange(events.Select(e => LocalDay.Of(e.OccurredAt, zone)));
        await RecomputeDaysAsync(connection, days.Select(d => (userId, d)).ToList(), ct);
        await transaction.CommitAsync(ct);
    }

    /// <summary>New source priorities can change which report counts on any day: compute every day of the user again.</summary>
    public async Task RecomputeUserAsync(Guid userId, CancellationToken ct)
    {
        await using var transaction = await db.Database.BeginTransactionAsync(IsolationLevel.ReadCommitted, ct);
        var connection = (NpgsqlConnection)db.Database.GetDbConnection();
        if (!(await LockUsersAsync(connection, [userId], ct)).ContainsKey(userId))
        {
            return;
        }

        var days = await db.RawEvents.Where(r => r.UserId == userId).Select(r => r.LocalDate)
            .Union(db.DailyTotals.Where(d => d.UserId == userId).Select(d => d.LocalDate)).ToListAsync(ct);
        await RecomputeDaysAsync(connection, days.Select(d => (userId, d)).ToList(), ct);
        await transaction.CommitAsync(ct);
    }

    /// <summary>
    /// Serializes all writes of each user for the rest of the transaction (different users run in parallel), and
    /// reads the users' zones under the locks so a concurrent time-zone change is seen consistently. The locks are
    /// taken in key order, so two transactions that share users wait for each other instead of deadlocking.
    /// </summary>
    private async Task<Dictionary<Guid, TimeZoneInfo>> LockUsersAsync(NpgsqlConnection connection, IEnumerable<Guid> userIds, CancellationToken ct)
    {
        var transaction = (NpgsqlTransaction)db.Database.CurrentTransaction!.GetDbTransaction();
        var users = userIds.Distinct().ToArray();
        var keys = users.Select(LockKey).Distinct().Order().ToArray();
        await using var batch = new NpgsqlBatch(connection, transaction)
        {
            BatchCommands =
            {
                // unnest() yields the array in order, and the aggregate calls the lock once per row as it is read.
                new NpgsqlBatchCommand("select count(pg_advisory_xact_lock(k)) from unnest(@keys) k") { Parameters = { new("keys", keys) } },
                new NpgsqlBatchCommand("select id, time_zone from users where id = any(@users)") { Parameters = { new("users", users) } },
            },
        };
        await using var reader = await batch.ExecuteReaderAsync(ct);
        await reader.NextResultAsync(ct);
        var zones = new Dictionary<Guid, TimeZoneInfo>();
        while (await reader.ReadAsync(ct))
        {
            zones[reader.GetGuid(0)] = LocalDay.TryFindZone(reader.GetString(1), out var zone) ? zone : TimeZoneInfo.Utc;
        }

        return zones;
    }

    private static long LockKey(Guid userId)
    {
        Span<byte> bytes = stackalloc byte[16];
        userId.TryWriteBytes(bytes);
        return BitConverter.ToInt64(bytes[..8]) ^ BitConverter.ToInt64(bytes[8..]);
    }

    private async Task RecomputeDaysAsync(NpgsqlConnection connection, List<(Guid User, DateOnly Date)> days, CancellationToken ct)
    {
        if (days.Count == 0)
        {
            return;
        }

        var transaction = (NpgsqlTransaction)db.Database.CurrentTransaction!.GetDbTransaction();
        var byDay = days.Distinct().ToDictionary(d => d, _ => new List<HealthEvent>());
        await using (var select = new NpgsqlCommand("""
            select k.user_id, k.local_date, r.payload
            from unnest(@users, @dates) as k(user_id, local_date)
            cross join lateral (select payload from raw_events r where r.user_id = k.user_id and r.local_date = k.local_date) r
            """, connection, transaction))
        {
            select.Parameters.AddWithValue("users", byDay.Keys.Select(k => k.User).ToArray());
            select.Parameters.AddWithValue("dates", NpgsqlDbType.Array | NpgsqlDbType.Date, byDay.Keys.Select(k => k.Date).ToArray());
            await using var reader = await select.ExecuteReaderAsync(ct);
            while (await reader.ReadAsync(ct))
            {
                var e = JsonSerializer.Deserialize<HealthEvent>(reader.GetString(2), PayloadJson)!;
                byDay[(reader.GetGuid(0), reader.GetFieldValue<DateOnly>(1))].Add(e);
            }
        }

        var totals = byDay.Where(d => d.Value.Count > 0).Select(d => (d.Key.User, Day: DailyTotalsCalculator.Compute(d.Key.Date, d.Value))).ToList();
        var empty = byDay.Where(d => d.Value.Count == 0).Select(d => d.Key).ToList();

        await using var write = new NpgsqlCommand("""
            delete from daily_totals d using unnest(@emptyUsers, @emptyDates) as e(user_id, local_date)
            where d.user_id = e.user_id and d.local_date = e.local_date;
            insert into daily_totals (user_id, local_date, workout_minutes, moderate_equivalent_minutes, strength_sessions,
                protein_grams, energy_kcal, workout_energy_kcal, fluids_ml, last_weight_kg, skin_checks, meal_count, event_count, updated_at)
            select t.*, @now from unnest(@users, @dates, @minutes, @moderate, @strength, @protein, @energy, @workoutEnergy,
                @fluids, @weight, @skin, @meals, @events)
                as t(user_id, local_date, workout_minutes, moderate_equivalent_minutes, strength_sessions, protein_grams, energy_kcal,
                     workout_energy_kcal, fluids_ml, last_weight_kg, skin_checks, meal_count, event_count)
            on conflict (user_id, local_date) do update set
                workout_minutes = excluded.workout_minutes, moderate_equivalent_minutes = excluded.moderate_equivalent_minutes,
                strength_sessions = excluded.strength_sessions, protein_grams = excluded.protein_grams, energy_kcal = excluded.energy_kcal,
                workout_energy_kcal = excluded.workout_energy_kcal, fluids_ml = excluded.fluids_ml, last_weight_kg = excluded.last_weight_kg,
                skin_checks = excluded.skin_checks, meal_count = excluded.meal_count, event_count = excluded.event_count,
                updated_at = excluded.updated_at
            """, connection, transaction);
        write.Parameters.AddWithValue("now", time.GetUtcNow());
        write.Parameters.AddWithValue("emptyUsers", empty.Select(e => e.User).ToArray());
        write.Parameters.AddWithValue("emptyDates", NpgsqlDbType.Array | NpgsqlDbType.Date, empty.Select(e => e.Date).ToArray());
        write.Parameters.AddWithValue("users", totals.Select(t => t.User).ToArray());
        write.Parameters.AddWithValue("dates", NpgsqlDbType.Array | NpgsqlDbType.Date, totals.Select(t => t.Day.Date).ToArray());
        write.Parameters.AddWithValue("minutes", NpgsqlDbType.Array | NpgsqlDbType.Jsonb, totals.Select(t => JsonSerializer.Serialize(t.Day.WorkoutMinutes)).ToArray());
        write.Parameters.AddWithValue("moderate", totals.Select(t => t.Day.ModerateEquivalentMinutes).ToArray());
        write.Parameters.AddWithValue("strength", totals.Select(t => t.Day.StrengthSessions).ToArray());
        write.Parameters.AddWithValue("protein", totals.Select(t => t.Day.ProteinGrams).ToArray());
        write.Parameters.AddWithValue("energy", totals.Select(t => t.Day.EnergyKcal).ToArray());
        write.Parameters.AddWithValue("workoutEnergy", totals.Select(t => t.Day.WorkoutEnergyKcal).ToArray());
        write.Parameters.AddWithValue("fluids", totals.Select(t => t.Day.FluidsMl).ToArray());
        write.Parameters.AddWithValue("weight", NpgsqlDbType.Array | NpgsqlDbType.Double, totals.Select(t => (object?)t.Day.LastWeightKg ?? DBNull.Value).ToArray());
        write.Parameters.AddWithValue("skin", totals.Select(t => t.Day.SkinChecks).ToArray());
        write.Parameters.AddWithValue("meals", totals.Select(t => t.Day.MealCount).ToArray());
        write.Parameters.AddWithValue("events", totals.Select(t => t.Day.EventCount).ToArray());
        await write.ExecuteNonQueryAsync(ct);
    }
}
