using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using SkinProgress.Data;
using SkinProgress.Data.Days;
using SkinProgress.Data.Events;

namespace SkinProgress.IntegrationTests.Data;

/// <summary>The migration to typed columns, on a database of its own holding events stored as payloads before it.</summary>
[Collection(RealServices.Name)]
public sealed class TypedEventColumnsTests
{
    [Fact]
    public async Task Migration_MovesEveryPayloadIntoColumns_SoTheEventsReadBackAsTheyWereSent()
    {
        var name = $"skinprogress_typed_{Guid.NewGuid():N}"[..32];
        var baseConnection = TestServices.Require("ConnectionStrings__Postgres");
        await using (var server = SkinProgressFixture.NamedDataSource(baseConnection))
        {
            await using var create = server.CreateCommand($"create database {name}");
            await create.ExecuteNonQueryAsync();
        }

        var connection = new NpgsqlConnectionStringBuilder(baseConnection) { Database = name }.ConnectionString;
        try
        {
            await using var source = SkinProgressFixture.NamedDataSource(connection);
            await using var db = new SkinProgressDbContext(new DbContextOptionsBuilder<SkinProgressDbContext>().UseNpgsql(source).Options);
            var migrator = db.GetInfrastructure().GetRequiredService<IMigrator>();
            await migrator.MigrateAsync("RepairMeaninglessProfiles");
            // Payloads as the Worker wrote them: web JSON of the event, every part named, the unused ones null.
            await using (var seed = source.CreateCommand("""
                insert into users (id, email, sex, time_zone, week_start, summary_hour, created_at, unsubscribe_token) values
                ('00000000-0000-0000-0000-000000000001', 'a@example.org', 'female', 'Europe/London', 'Monday', 8, now(), 'a');
                insert into devices (id, user_id, name, source, created_at) values
                ('00000000-0000-0000-0000-0000000000d1', '00000000-0000-0000-0000-000000000001', 'watch', 'garmin', now());
                insert into raw_events (user_id, source, external_id, device_id, type, occurred_at, local_date, payload, content_hash, received_at)
                select '00000000-0000-0000-0000-000000000001', 'garmin', p->>'id', '00000000-0000-0000-0000-0000000000d1', p->>'type',
                    (p->>'occurredAt')::timestamptz, '2026-03-02', p, '\x00', '2026-03-02T22:00:00Z'
                from jsonb_array_elements('[
                    {"id":"run","type":"workout","occurredAt":"2026-03-02T08:30:00+01:00","workout":{"activity":"running","durationMinutes":42.5,"intensity":"vigorous","distanceKm":8.25,"energyKcal":510,"avgHeartRate":151},"meal":null,"hydration":null,"weight":null,"skinCheck":null},
                    {"id":"yoga","type":"workout","occurredAt":"2026-03-02T09:00:00+00:00","workout":{"activity":"yoga","durationMinutes":20,"intensity":null,"distanceKm":null,"energyKcal":null,"avgHeartRate":null},"meal":null,"hydration":null,"weight":null,"skinCheck":null},
                    {"id":"soup","type":"meal","occurredAt":"2026-03-02T12:00:00-05:30","workout":null,"meal":{"proteinGrams":31.5,"energyKcal":640,"carbsGrams":70,"fatGrams":22,"vitaminCMg":45,"name":"Lentil soup"},"hydration":null,"weight":null,"skinCheck":null},
                    {"id":"water","type":"hydration","occurredAt":"2026-03-02T13:00:00Z","workout":null,"meal":null,"hydration":{"volumeMl":330},"weight":null,"skinCheck":null},
                    {"id":"scale","type":"weight","occurredAt":"2026-03-02T06:00:00+00:00","workout":null,"meal":null,"hydration":null,"weight":{"weightKg":96.4,"bodyFatPercent":31.2},"skinCheck":null},
                    {"id":"check","type":"skin_check","occurredAt":"2026-03-02T21:00:00+00:00","workout":null,"meal":null,"hydration":null,"weight":null,"skinCheck":{"regions":{"abdomen":2,"arms":0},"symptoms":["fold_rash"]}}
                ]'::jsonb) p
                """))
            {
                await seed.ExecuteNonQueryAsync();
            }

            await migrator.MigrateAsync();

            var user = new Guid("00000000-0000-0000-0000-000000000001");
            var day = new UserDay(user, new DateOnly(2026, 3, 2));
            await using var open = await source.OpenConnectionAsync();
            var events = (await EventStatements.ReadDaysAsync(open, [day], default))[day].Select(e => e.Event).ToDictionary(e => e.Id);
            Assert.Equal(new Contracts.Workout("running", 42.5, "vigorous", 8.25, 510, 151), events["run"].Workout);
            Assert.Equal(TimeSpan.FromHours(1), events["run"].OccurredAt.Offset);
            Assert.Equal(new Contracts.Workout("yoga", 20), events["yoga"].Workout);
            Assert.Equal(new Contracts.Meal(31.5, 640, 70, 22, 45, "Lentil soup"), events["soup"].Meal);
            Assert.Equal(new DateTimeOffset(2026, 3, 2, 12, 0, 0, TimeSpan.FromMinutes(-330)), events["soup"].OccurredAt);
            Assert.Equal(TimeSpan.FromMinutes(-330), events["soup"].OccurredAt.Offset);
            Assert.Equal(new Contracts.Hydration(330), events["water"].Hydration);
            Assert.Equal(new Contracts.Weight(96.4, 31.2), events["scale"].Weight);
            Assert.Equal(new Dictionary<string, int> { ["abdomen"] = 2, ["arms"] = 0 }, events["check"].SkinCheck!.Regions);
            Assert.Equal(["fold_rash"], events["check"].SkinCheck!.Symptoms);
            Assert.All(events.Values.Where(e => e.Id != "check"), e => Assert.Null(e.SkinCheck));
            Assert.Single(events.Values, e => e.Meal is not null);
        }
        finally
        {
            await using var server = SkinProgressFixture.NamedDataSource(baseConnection);
            await using var drop = server.CreateCommand($"drop database if exists {name} with (force)");
            await drop.ExecuteNonQueryAsync();
        }
    }
}
