using System.Diagnostics;
using Npgsql;
using SkinProgress.Data.Days;
using SkinProgress.Data.Events;
using SkinProgress.Data.Users;

namespace SkinProgress.Bench.Summaries;

/// <summary>
/// Writes what a weekly-summary run reads with set-based SQL, through each table's <c>InsertSelectedAsync</c> in
/// SkinProgress.Data (the Api would take hours for 100,000 users × 42 days): users with a complete profile, six weeks
/// of daily totals ending on each user's summarised week, and skin checks as raw events (the summary loader reads
/// those, not just the daily count). Every user logs something in the last four weeks, so every summary is due an email.
/// </summary>
public static class SummaryData
{
    public const int Days = 42;

    /// <summary>Users per statement: big enough for set-based speed, small enough to show progress.</summary>
    private const int Chunk = 20_000;

    /// <summary>
    /// A few IANA zones with their share of users; with an explicit week every user's week is that week (aligned
    /// to their own week start), so zones vary the data, not whether they are due.
    /// </summary>
    private const string Zones = "array['Europe/Berlin','Europe/Berlin','Europe/London','America/New_York','America/New_York','America/Chicago','America/Los_Angeles','Asia/Tokyo','Australia/Sydney','UTC']";

    /// <summary>The Monday of the last completed week (UTC): the week the run summarises.</summary>
    public static DateOnly LastCompletedMonday(DateTimeOffset now)
    {
        var today = DateOnly.FromDateTime(now.UtcDateTime);
        return today.AddDays(-(((int)today.DayOfWeek - (int)DayOfWeek.Monday + 7) % 7) - 7);
    }

    public static async Task<TimeSpan> GenerateAsync(NpgsqlDataSource data, int users, DateOnly week, CancellationToken ct)
    {
        var started = Stopwatch.GetTimestamp();
        await using var connection = await data.OpenConnectionAsync(ct);

        // Per-user parameters the days are drawn from (pace of weight loss, habits), kept for this session only.
        await ExecuteAsync(connection, $"""
            create temp table bench_people on commit preserve rows as
            select n,
                   gen_random_uuid() as id,
                   gen_random_uuid() as device_id,
                   (array['Monday','Monday','Monday','Monday','Sunday','Sunday','Saturday'])[1 + n % 7] as week_start,
                   ({Zones})[1 + (n * 7 + n / 10) % 10] as time_zone,
                   105 + random() * 60 as start_kg,
                   0.35 + random() * 0.6 as lost_share,
                   -- kg per day over the six weeks: from a plateau to a post-surgery loss
                   case when n % 10 = 0 then 0 else 0.02 + random() * random() * 0.25 end as pace,
                   0.5 + random() * 0.5 as logging,
                   0.3 + random() * 0.7 as weighing,
                   random() * 1.6 as activity,
                   random() as protein,
                   n % 3 = 0 as checks_skin,
                   n % 5 < 2 as bariatric
            from generate_series(1, {users}) n
            """, ct);
        await ExecuteAsync(connection, "create index on bench_people (n)", ct);

        for (var from = 1; from <= users; from += Chunk)
        {
            var to = Math.Min(users, from + Chunk - 1);
            await InsertChunkAsync(connection, from, to, week, ct);
            Console.Error.WriteLine($"[bench] data: {to:N0} of {users:N0} users ({Stopwatch.GetElapsedTime(started).TotalSeconds:F0} s)");
        }

        await ExecuteAsync(connection, "analyze users; analyze daily_totals; analyze raw_events; analyze devices", ct);
        return Stopwatch.GetElapsedTime(started);
    }

    private static async Task InsertChunkAsync(NpgsqlConnection connection, int from, int to, DateOnly week, CancellationToken ct)
    {
        var range = $"p.n between {from} and {to}";
        var monday = $"date '{week:yyyy-MM-dd}'";

        // The user's own week: the given Monday aligned back to their week start (Sunday: the day before, ...).
        const string UserWeek = "(case p.week_start when 'Sunday' then 1 when 'Saturday' then 2 else 0 end)";

        await UserStatements.InsertSelectedAsync(connection, $"""
            select p.id, 'user' || p.n || '@bench.localhost' as email,
                   case when p.n % 4 = 0 then null else (array['Alex','Sam','Robin','Kim','Jo','Maria','Chen','Ayşe','José','Noor'])[1 + p.n % 10] end as display_name,
                   150 + (p.n * 37 % 45) as height_cm, 1950 + (p.n * 13 % 55) as birth_year,
                   (array['female','female','male','unspecified'])[1 + p.n % 4] as sex,
                   p.time_zone,
                   case when p.n % 6 = 0 then null else round(p.start_kg::numeric, 1) end as start_weight_kg,
                   case when p.n % 3 = 0 then null else round((p.start_kg * 0.65)::numeric, 1) end as goal_weight_kg,
                   case when p.bariatric then {monday} - (200 + p.n * 11 % 700) else null end as bariatric_surgery_date,
                   case p.n % 7 when 0 then true when 1 then null else false end as smoker,
                   p.week_start, 6 + p.n % 5 as summary_hour, now() - interval '1 year' as created_at,
                   replace(gen_random_uuid()::text, '-', '') || replace(gen_random_uuid()::text, '-', '') as unsubscribe_token,
                   null::timestamptz as unsubscribed_at, null::jsonb as source_priorities
            from bench_people p where {range}
            """, ct);

        await DeviceStatements.InsertSelectedAsync(connection, $"""
            select p.device_id as id, p.id as user_id, 'Bench phone' as name, 'bench' as source, now() - interval '1 year' as created_at,
                   null::timestamptz as last_event_at, null::timestamptz as last_import_at
            from bench_people p where {range} and p.checks_skin
            """, ct);

        // Day d (0..41) of the six weeks ending on the user's summarised week; a day is logged with the user's
        // logging probability (always in the summarised week, so every user is due an email). Weight falls at the
        // user's pace with day-to-day noise; skin checks every 10 days for a third of the users.
        await DayStatements.InsertSelectedAsync(connection, $"""
            select p.id as user_id, day.date as local_date,
                   case when w.minutes > 0 then jsonb_build_object(w.activity || '/' || w.intensity, w.minutes) else jsonb_build_object() end as workout_minutes,
                   w.minutes * case w.intensity when 'vigorous' then 2 when 'light' then 0 else 1 end as moderate_equivalent_minutes,
                   w.strength as strength_sessions, food.protein as protein_grams, food.kcal as energy_kcal, w.minutes * 7 as workout_energy_kcal,
                   food.fluids as fluids_ml, weigh.kg as last_weight_kg, check_day::int as skin_checks, food.meals as meal_count,
                   food.meals + 2 + (w.minutes > 0)::int + w.strength + (weigh.kg is not null)::int + check_day::int as event_count,
                   null::jsonb as explanation, now() as updated_at
            from bench_people p
            cross join generate_series(0, {Days - 1}) d
            cross join lateral (select {monday} - {UserWeek} - {Days - 7} + d as date) day
            cross join lateral (select p.checks_skin and (d + p.n) % 10 = 0 as check_day) c
            cross join lateral (
                select case when random() < p.activity / 2 then round((15 + random() * 60 * p.activity)::numeric)::float8 else 0 end as minutes,
                       (array['walking','walking','running','cycling','swimming','elliptical'])[1 + (p.n + d) % 6] as activity,
                       (array['moderate','moderate','vigorous','light'])[1 + (p.n * 3 + d) % 4] as intensity,
                       (random() < p.activity / 4)::int as strength) w
            cross join lateral (
                select 2 + (random() * 2.5)::int as meals,
                       round((35 + p.protein * 70 + random() * 35)::numeric, 1)::float8 as protein,
                       round((1100 + random() * 900)::numeric)::float8 as kcal,
                       round((900 + random() * 1800)::numeric, -2)::float8 as fluids) food
            cross join lateral (
                select case when random() < p.weighing
                       then round((p.start_kg * (1 - p.lost_share * 0.5) - p.pace * d + (random() - 0.5) * 1.2)::numeric, 1)::float8
                       end as kg) weigh
            where {range} and (d >= {Days - 7} or check_day or random() < p.logging)
            """, ct);

        await EventStatements.InsertSelectedAsync(connection, $"""
            select p.id as user_id, 'bench' as source, x.external_id, now() as received_at, p.device_id, 'skin_check' as type,
                   x.at as occurred_at, 0::smallint as occurred_offset_minutes, t.local_date,
                   null::text as activity, null::float8 as duration_minutes, null::text as intensity, null::float8 as distance_km,
                   null::float8 as energy_kcal, null::int as avg_heart_rate, null::float8 as protein_grams, null::float8 as carbs_grams,
                   null::float8 as fat_grams, null::float8 as vitamin_c_mg, null::text as meal_name, null::float8 as volume_ml,
                   null::float8 as weight_kg, null::float8 as body_fat_percent, e.skin_check
            from bench_people p
            join daily_totals t on t.user_id = p.id and t.skin_checks > 0
            cross join lateral (
                select 'check-' || t.local_date as external_id, (t.local_date + time '20:00') at time zone p.time_zone as at) x
            -- Names x, so the random values are drawn for each check rather than once for all of them.
            cross join lateral (
                select x.at, jsonb_build_object(
                    'regions', jsonb_build_object(
                        'abdomen', (random() * 2.6)::int, 'arms', (random() * 2.2)::int,
                        'medial_thighs', (random() * 1.8)::int, 'flanks', (random() * 1.4)::int),
                    'symptoms', to_jsonb(array_remove(array[
                        case when random() < 0.15 then 'fold_rash' end,
                        case when random() < 0.03 then 'skin_infection' end,
                        case when random() < 0.04 then 'distress' end,
                        case when random() < 0.05 then 'hygiene_difficulty' end,
                        case when random() < 0.03 then 'chronic_pain' end], null))) as skin_check) e
            where {range} and p.checks_skin
            """, ct);
    }

    private static async Task ExecuteAsync(NpgsqlConnection connection, string sql, CancellationToken ct)
    {
        await using var command = new NpgsqlCommand(sql, connection) { CommandTimeout = 0 };
        await command.ExecuteNonQueryAsync(ct);
    }
}
