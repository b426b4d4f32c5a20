using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace SkinProgress.Data.Migrations
{
    /// <summary>
    /// Events in typed columns instead of a JSON payload and its hash: each existing event's values are moved out of
    /// its payload here, then the payload goes. The foreign key to users goes too (see RawEventConfiguration).
    /// </summary>
    public partial class TypedEventColumns : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropForeignKey(
                name: "FK_raw_events_users_user_id",
                table: "raw_events");

            migrationBuilder.AddColumn<string>(
                name: "activity",
                table: "raw_events",
                type: "character varying(32)",
                maxLength: 32,
                nullable: true);

            migrationBuilder.AddColumn<int>(
                name: "avg_heart_rate",
                table: "raw_events",
                type: "integer",
                nullable: true);

            migrationBuilder.AddColumn<double>(
                name: "body_fat_percent",
                table: "raw_events",
                type: "double precision",
                nullable: true);

            migrationBuilder.AddColumn<double>(
                name: "carbs_grams",
                table: "raw_events",
                type: "double precision",
                nullable: true);

            migrationBuilder.AddColumn<double>(
                name: "distance_km",
                table: "raw_events",
                type: "double precision",
                nullable: true);

            migrationBuilder.AddColumn<double>(
                name: "duration_minutes",
                table: "raw_events",
                type: "double precision",
                nullable: true);

            migrationBuilder.AddColumn<double>(
                name: "energy_kcal",
                table: "raw_events",
                type: "double precision",
                nullable: true);

            migrationBuilder.AddColumn<double>(
                name: "fat_grams",
                table: "raw_events",
                type: "double precision",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "intensity",
                table: "raw_events",
                type: "character varying(32)",
                maxLength: 32,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "meal_name",
                table: "raw_events",
                type: "character varying(200)",
                maxLength: 200,
                nullable: true);

            migrationBuilder.AddColumn<short>(
                name: "occurred_offset_minutes",
                table: "raw_events",
                type: "smallint",
                nullable: false,
                defaultValue: (short)0);

            migrationBuilder.AddColumn<double>(
                name: "protein_grams",
                table: "raw_events",
                type: "double precision",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "skin_check",
                table: "raw_events",
                type: "jsonb",
                nullable: true);

            migrationBuilder.AddColumn<double>(
                name: "vitamin_c_mg",
                table: "raw_events",
                type: "double precision",
                nullable: true);

            migrationBuilder.AddColumn<double>(
                name: "volume_ml",
                table: "raw_events",
                type: "double precision",
                nullable: true);

            migrationBuilder.AddColumn<double>(
                name: "weight_kg",
                table: "raw_events",
                type: "double precision",
                nullable: true);
            // Each event's part, read from the payload it was stored with; the offset is the one its time was written with.
            migrationBuilder.Sql("""
                update raw_events set
                    occurred_offset_minutes = coalesce((
                        select (case when m[1] = '-' then -1 else 1 end) * (m[2]::int * 60 + m[3]::int)
                        from regexp_match(payload->>'occurredAt', '([+-])([0-9]{2}):([0-9]{2})$') m), 0),
                    activity = payload->'workout'->>'activity',
                    duration_minutes = (payload->'workout'->>'durationMinutes')::double precision,
                    intensity = payload->'workout'->>'intensity',
                    distance_km = (payload->'workout'->>'distanceKm')::double precision,
                    energy_kcal = coalesce((payload->'workout'->>'energyKcal')::double precision, (payload->'meal'->>'energyKcal')::double precision),
                    avg_heart_rate = (payload->'workout'->>'avgHeartRate')::integer,
                    protein_grams = (payload->'meal'->>'proteinGrams')::double precision,
                    carbs_grams = (payload->'meal'->>'carbsGrams')::double precision,
                    fat_grams = (payload->'meal'->>'fatGrams')::double precision,
                    vitamin_c_mg = (payload->'meal'->>'vitaminCMg')::double precision,
                    meal_name = payload->'meal'->>'name',
                    volume_ml = (payload->'hydration'->>'volumeMl')::double precision,
                    weight_kg = (payload->'weight'->>'weightKg')::double precision,
                    body_fat_percent = (payload->'weight'->>'bodyFatPercent')::double precision,
                    skin_check = nullif(payload->'skinCheck', 'null'::jsonb);
                """);

            migrationBuilder.DropColumn(
                name: "content_hash",
                table: "raw_events");

            migrationBuilder.DropColumn(
                name: "payload",
                table: "raw_events");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<byte[]>(
                name: "content_hash",
                table: "raw_events",
                type: "bytea",
                nullable: false,
                defaultValue: new byte[0]);

            migrationBuilder.AddColumn<string>(
                name: "payload",
                table: "raw_events",
                type: "jsonb",
                nullable: false,
                defaultValue: "{}");

            // The hash only told a changed re-send from an identical one: one computed here differs from the Worker's, which
            // costs at most one needless recompute of a day per event re-sent.
            migrationBuilder.Sql("""
                update raw_events set payload = jsonb_build_object(
                    'id', external_id, 'type', type,
                    'occurredAt', to_char(occurred_at at time zone make_interval(mins => occurred_offset_minutes), 'YYYY-MM-DD"T"HH24:MI:SS.US')
                        || case when occurred_offset_minutes = 0 then '+00:00' else to_char(make_interval(mins => occurred_offset_minutes), 'SGHH24:MI') end,
                    'workout', case when activity is null then null else jsonb_build_object('activity', activity, 'durationMinutes', duration_minutes,
                        'intensity', intensity, 'distanceKm', distance_km, 'energyKcal', energy_kcal, 'avgHeartRate', avg_heart_rate) end,
                    'meal', case when protein_grams is null then null else jsonb_build_object('proteinGrams', protein_grams, 'energyKcal', energy_kcal,
                        'carbsGrams', carbs_grams, 'fatGrams', fat_grams, 'vitaminCMg', vitamin_c_mg, 'name', meal_name) end,
                    'hydration', case when volume_ml is null then null else jsonb_build_object('volumeMl', volume_ml) end,
                    'weight', case when weight_kg is null then null else jsonb_build_object('weightKg', weight_kg, 'bodyFatPercent', body_fat_percent) end,
                    'skinCheck', skin_check);
                update raw_events set content_hash = sha256(convert_to(payload::text, 'UTF8'));
                delete from raw_events r where not exists (select 1 from users u where u.id = r.user_id);
                """);

            migrationBuilder.DropColumn(
                name: "activity",
                table: "raw_events");

            migrationBuilder.DropColumn(
                name: "avg_heart_rate",
                table: "raw_events");

            migrationBuilder.DropColumn(
                name: "body_fat_percent",
                table: "raw_events");

            migrationBuilder.DropColumn(
                name: "carbs_grams",
                table: "raw_events");

            migrationBuilder.DropColumn(
                name: "distance_km",
                table: "raw_events");

            migrationBuilder.DropColumn(
                name: "duration_minutes",
                table: "raw_events");

            migrationBuilder.DropColumn(
                name: "energy_kcal",
                table: "raw_events");

            migrationBuilder.DropColumn(
                name: "fat_grams",
                table: "raw_events");

            migrationBuilder.DropColumn(
                name: "intensity",
                table: "raw_events");

            migrationBuilder.DropColumn(
                name: "meal_name",
                table: "raw_events");

            migrationBuilder.DropColumn(
                name: "occurred_offset_minutes",
                table: "raw_events");

            migrationBuilder.DropColumn(
                name: "protein_grams",
                table: "raw_events");

            migrationBuilder.DropColumn(
                name: "skin_check",
                table: "raw_events");

            migrationBuilder.DropColumn(
                name: "vitamin_c_mg",
                table: "raw_events");

            migrationBuilder.DropColumn(
                name: "volume_ml",
                table: "raw_events");

            migrationBuilder.DropColumn(
                name: "weight_kg",
                table: "raw_events");

            migrationBuilder.AddForeignKey(
                name: "FK_raw_events_users_user_id",
                table: "raw_events",
                column: "user_id",
                principalTable: "users",
                principalColumn: "id",
                onDelete: ReferentialAction.Cascade);
        }
    }
}
