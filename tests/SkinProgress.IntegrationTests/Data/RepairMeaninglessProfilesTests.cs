using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using SkinProgress.Data;

namespace SkinProgress.IntegrationTests.Data;

/// <summary>The repair migration, on a database of its own migrated to just before it and holding the values it repairs.</summary>
[Collection(RealServices.Name)]
public sealed class RepairMeaninglessProfilesTests
{
    [Fact]
    public async Task Migration_RepairsProfilesStoredBeforeTheApiRefusedThem()
    {
        var name = $"skinprogress_repair_{Guid.NewGuid():N}"[..32];
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
            await migrator.MigrateAsync("SummarySendFailures");
            await db.Database.ExecuteSqlRawAsync("""
                insert into users (id, email, height_cm, sex, time_zone, start_weight_kg, goal_weight_kg, week_start, summary_hour, created_at, unsubscribe_token) values
                ('00000000-0000-0000-0000-000000000001', 'a@example.org', 'NaN', 'female', 'Europe//London', 'Infinity', 80, '7', 18, now(), 'a'),
                ('00000000-0000-0000-0000-000000000002', 'b@example.org', 170, 'female', 'right/America/New_York', 90, '-Infinity', '-1', 18, now(), 'b'),
                ('00000000-0000-0000-0000-000000000003', 'c@example.org', 170, 'female', 'Factory', 90, 80, 'Sunday', 18, now(), 'c'),
                ('00000000-0000-0000-0000-000000000004', 'd@example.org', 171, 'male', 'Asia/Kolkata', 95, 85, 'Friday', 18, now(), 'd')
                """);

            await migrator.MigrateAsync();

            var users = await db.Users.AsNoTracking().OrderBy(u => u.Email).ToListAsync();
            Assert.Equal(
                new (double?, string, double?, double?, DayOfWeek)[]
                {
                    (null, "Europe/London", null, 80, DayOfWeek.Monday),
                    (170, "America/New_York", 90, null, DayOfWeek.Monday),
                    (170, "UTC", 90, 80, DayOfWeek.Sunday),
                    (171, "Asia/Kolkata", 95, 85, DayOfWeek.Friday),
                },
                users.Select(u => (u.HeightCm, u.TimeZone, u.StartWeightKg, u.GoalWeightKg, u.WeekStart)));
        }
        finally
        {
            await using var server = SkinProgressFixture.NamedDataSource(baseConnection);
            await using var drop = server.CreateCommand($"drop database if exists {name} with (force)");
            await drop.ExecuteNonQueryAsync();
        }
    }
}
