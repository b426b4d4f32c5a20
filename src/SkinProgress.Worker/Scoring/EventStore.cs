using System.Data;
using System.Security.Cryptography;
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
/// The scoring writes, in one transaction per message: take the user's lock, upsert the raw events,
/// then recompute the totals of every local day that changed from the stored events. Recomputing
/// (never incrementing) is what makes a redelivered or re-sent message unable to count twice.
/// </summary>
public sealed class EventStore(SkinProgressDbContext db, TimeProvider time)
{
    public static readonly JsonSerializerOptions PayloadJson = new(JsonSerializerDefaults.Web);

    public async Task<int> StoreAsync(EventBatchReceived batch, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(batch);
        await using var transaction = await db.Database.BeginTransactionAsync(IsolationLevel.ReadCommitted, ct);
        var connection = (NpgsqlConnection)db.Database.GetDbConnection();

        var zone = await LockUserAsync(connection, batch.UserId, ct);
        if (zone is null)
        {
            // The user was erased after the batch was accepted: there is nobody to store it for.
            return 0;
        }

        // Within one message the last version of an id wins, as it would across messages.
        var events = batch.Events.GroupBy(e => e.Id, StringComparer.Ordinal).Select(g => g.Last()).ToList();
        var ids = new string[events.Count];
        var types = new string[events.Count];
        var occurred = new DateTimeOffset[events.Count];
        var dates = new DateOnly[events.Count];
        var payloads = new string[events.Count];
        var hashes = new byte[events.Count][];
        for (var i = 0; i < events.Count; i++)
        {
            var e = events[i];
            ids[i] = e.Id;
            types[i] = e.Type;
            occurred[i] = e.OccurredAt.ToUniversalTime();
            dates[i] = LocalDay.Of(e.OccurredAt, zone);
            payloads[i] = JsonSerializer.Serialize(e, PayloadJson);
            hashes[i] = SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(payloads[i]));
        }

        // The CTE reads the old day of every changed row before the upsert replaces it: an event moved to
        // another day must be taken out of the old one too. Identical re-sends change nothing and touch no day.
        await using var upsert = new NpgsqlCommand("""
            with input as (
                select * from unnest(@ids, @types, @occurred, @dates, @payloads, @hashes)
                    as t(external_id, type, occurred_at, local_date, payload, content_hash)
            ),
            old as (
                select r.local_date from raw_events r join input i on r.external_id = i.external_id
                where r.user_id = @user and r.source = @source and r.content_hash <> i.content_hash
            ),
            up as (
                insert into raw_events (user_id, source, external_id, device_id, type, occurred_at, local_date, payload, content_hash, received_at)
                select @user, @source, external_id, @device, type, occurred_at, local_date, payload::jsonb, content_hash, @received from input
                on conflict (user_id, source, external_id) do update set
                    device_id = excluded.device_id, type = excluded.type, occurred_at = excluded.occurred_at,
                    local_date = excluded.local_date, payload = excluded.payload, content_hash = excluded.content_hash,
                    received_at = excluded.received_at
                where raw_events.content_hash <> excluded.content_hash
                returning local_date
            )
            select local_date from up union select local_date from old
            """, connection, (NpgsqlTransaction)transaction.GetDbTransaction());
        upsert.Parameters.AddWithValue("ids", ids);
        upsert.Parameters.AddWithValue("types", types);
        upsert.Parameters.AddWithValue("occurred", NpgsqlDbType.Array | NpgsqlDbType.TimestampTz, occurred);
        upsert.Parameters.AddWithValue("dates", NpgsqlDbType.Array | NpgsqlDbType.Date, dates);
        upsert.Parameters.AddWithValue("payloads", payloads);
        upsert.Parameters.AddWithValue("hashes", hashes);
        upsert.Parameters.AddWithValue("user", batch.UserId);
        upsert.Parameters.AddWithValue("source", batch.Source);
        upsert.Parameters.AddWithValue("device", batch.DeviceId);
        upsert.Parameters.AddWithValue("received", batch.ReceivedAt.ToUniversalTime());

        var touched = new List<DateOnly>();
        await using (var reader = await upsert.ExecuteReaderAsync(ct))
        {
            while (await reader.ReadAsync(ct))
            {
                touched.Add(reader.GetFieldValue<DateOnly>(0));
            }
        }

        await RecomputeDaysAsync(connection, batch.UserId, touched, ct);
        var imported = batch.ImportId is not null;
        await db.Devices.Where(d => d.Id == batch.DeviceId)
            .ExecuteUpdateAsync(s => s
                .SetProperty(d => d.LastEventAt, d => d.LastEventAt > batch.ReceivedAt ? d.LastEventAt : batch.ReceivedAt)
                .SetProperty(d => d.LastImportAt, d => imported && (d.LastImportAt == null || d.LastImportAt < batch.ReceivedAt) ? batch.ReceivedAt : d.LastImportAt), ct);
        await transaction.CommitAsync(ct);
        return touched.Count;
    }

    /// <summary>A new time zone moves events between days: derive every local date again, then every day.</summary>
    public async Task RelocateAsync(Guid userId, CancellationToken ct)
    {
        await using var transaction = await db.Database.BeginTransactionAsync(IsolationLevel.ReadCommitted, ct);
        var connection = (NpgsqlConnection)db.Database.GetDbConnection();
        var zone = await LockUserAsync(connection, userId, ct);
        if (zone is null)
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
        await RecomputeDaysAsync(connection, userId, days.Distinct().ToList(), ct);
        await transaction.CommitAsync(ct);
    }

    /// <summary>
    /// Serializes all writes of one user for the rest of the transaction (different users run in parallel),
    /// and reads the user's zone under the lock so a concurrent time-zone change is seen consistently.
    /// </summary>
    private async Task<TimeZoneInfo?> LockUserAsync(NpgsqlConnection connection, Guid userId, CancellationToken ct)
    {
        var transaction = (NpgsqlTransaction)db.Database.CurrentTransaction!.GetDbTransaction();
        await using (var lockCommand = new NpgsqlCommand("select pg_advisory_xact_lock(@key)", connection, transaction))
        {
            lockCommand.Parameters.AddWithValue("key", LockKey(userId));
            await lockCommand.ExecuteNonQueryAsync(ct);
        }

        await using var command = new NpgsqlCommand("select time_zone from users where id = @user", connection, transaction);
        command.Parameters.AddWithValue("user", userId);
        var zoneId = await command.ExecuteScalarAsync(ct) as string;
        if (zoneId is null)
        {
            return null;
        }

        return LocalDay.TryFindZone(zoneId, out var zone) ? zone : TimeZoneInfo.Utc;
    }

    private static long LockKey(Guid userId)
    {
        Span<byte> bytes = stackalloc byte[16];
        userId.TryWriteBytes(bytes);
        return BitConverter.ToInt64(bytes[..8]) ^ BitConverter.ToInt64(bytes[8..]);
    }

    private async Task RecomputeDaysAsync(NpgsqlConnection connection, Guid userId, List<DateOnly> days, CancellationToken ct)
    {
        if (days.Count == 0)
        {
            return;
        }

        var transaction = (NpgsqlTransaction)db.Database.CurrentTransaction!.GetDbTransaction();
        var byDay = days.Distinct().ToDictionary(d => d, _ => new List<HealthEvent>());
        await using (var select = new NpgsqlCommand(
            "select local_date, payload from raw_events where user_id = @user and local_date = any(@dates)", connection, transaction))
        {
            select.Parameters.AddWithValue("user", userId);
            select.Parameters.AddWithValue("dates", NpgsqlDbType.Array | NpgsqlDbType.Date, byDay.Keys.ToArray());
            await using var reader = await select.ExecuteReaderAsync(ct);
            while (await reader.ReadAsync(ct))
            {
                var e = JsonSerializer.Deserialize<HealthEvent>(reader.GetString(1), PayloadJson)!;
                byDay[reader.GetFieldValue<DateOnly>(0)].Add(e);
            }
        }

        var totals = byDay.Where(d => d.Value.Count > 0).Select(d => DailyTotalsCalculator.Compute(d.Key, d.Value)).ToList();
        var empty = byDay.Where(d => d.Value.Count == 0).Select(d => d.Key).ToArray();

        await using var write = new NpgsqlCommand("""
            delete from daily_totals where user_id = @user and local_date = any(@empty);
            insert into daily_totals (user_id, local_date, workout_minutes, moderate_equivalent_minutes, strength_sessions,
                protein_grams, energy_kcal, workout_energy_kcal, fluids_ml, last_weight_kg, skin_checks, meal_count, event_count, updated_at)
            select @user, t.* , @now from unnest(@dates, @minutes, @moderate, @strength, @protein, @energy, @workoutEnergy,
                @fluids, @weight, @skin, @meals, @events)
                as t(local_date, workout_minutes, moderate_equivalent_minutes, strength_sessions, protein_grams, energy_kcal,
                     workout_energy_kcal, fluids_ml, last_weight_kg, skin_checks, meal_count, event_count)
            on conflict (user_id, local_date) do update set
                workout_minutes = excluded.workout_minutes, moderate_equivalent_minutes = excluded.moderate_equivalent_minutes,
                strength_sessions = excluded.strength_sessions, protein_grams = excluded.protein_grams, energy_kcal = excluded.energy_kcal,
                workout_energy_kcal = excluded.workout_energy_kcal, fluids_ml = excluded.fluids_ml, last_weight_kg = excluded.last_weight_kg,
                skin_checks = excluded.skin_checks, meal_count = excluded.meal_count, event_count = excluded.event_count,
                updated_at = excluded.updated_at
            """, connection, transaction);
        write.Parameters.AddWithValue("user", userId);
        write.Parameters.AddWithValue("now", time.GetUtcNow());
        write.Parameters.AddWithValue("empty", NpgsqlDbType.Array | NpgsqlDbType.Date, empty);
        write.Parameters.AddWithValue("dates", NpgsqlDbType.Array | NpgsqlDbType.Date, totals.Select(t => t.Date).ToArray());
        write.Parameters.AddWithValue("minutes", NpgsqlDbType.Array | NpgsqlDbType.Jsonb, totals.Select(t => JsonSerializer.Serialize(t.WorkoutMinutes)).ToArray());
        write.Parameters.AddWithValue("moderate", totals.Select(t => t.ModerateEquivalentMinutes).ToArray());
        write.Parameters.AddWithValue("strength", totals.Select(t => t.StrengthSessions).ToArray());
        write.Parameters.AddWithValue("protein", totals.Select(t => t.ProteinGrams).ToArray());
        write.Parameters.AddWithValue("energy", totals.Select(t => t.EnergyKcal).ToArray());
        write.Parameters.AddWithValue("workoutEnergy", totals.Select(t => t.WorkoutEnergyKcal).ToArray());
        write.Parameters.AddWithValue("fluids", totals.Select(t => t.FluidsMl).ToArray());
        write.Parameters.AddWithValue("weight", NpgsqlDbType.Array | NpgsqlDbType.Double, totals.Select(t => (object?)t.LastWeightKg ?? DBNull.Value).ToArray());
        write.Parameters.AddWithValue("skin", totals.Select(t => t.SkinChecks).ToArray());
        write.Parameters.AddWithValue("meals", totals.Select(t => t.MealCount).ToArray());
        write.Parameters.AddWithValue("events", totals.Select(t => t.EventCount).ToArray());
        await write.ExecuteNonQueryAsync(ct);
    }
}
