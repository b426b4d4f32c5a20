using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using SkinProgress.Data.Events;
using SkinProgress.Data.Users;

namespace SkinProgress.IntegrationTests.Data.Users;

[Collection(RealServices.Name)]
public sealed class UserStatementsTests(SkinProgressFixture fixture)
{
    [Fact]
    public async Task Lock_AnswersTheZoneOfEachUserThatExists_AndNothingForOneThatDoesNot()
    {
        var london = await fixture.CreateUserAsync("Europe/London");
        var tokyo = await fixture.CreateUserAsync("Asia/Tokyo");

        var zones = await fixture.InTransactionAsync(c => UserStatements.LockAsync(c, [tokyo.Id, london.Id, Guid.NewGuid(), london.Id], default));

        Assert.Equal(2, zones.Count);
        Assert.Equal("Europe/London", zones[london.Id].Zone.Id);
        Assert.Equal("Asia/Tokyo", zones[tokyo.Id].Zone.Id);
    }

    [Fact]
    public async Task Lock_HoldsAnotherTransactionOfTheSameUserUntilCommit()
    {
        var user = await fixture.CreateUserAsync();
        await using var first = await fixture.DataSource.OpenConnectionAsync();
        await using var holding = await first.BeginTransactionAsync();
        await UserStatements.LockAsync(first, [user.Id], default);

        var second = fixture.InTransactionAsync(c => UserStatements.LockAsync(c, [user.Id], default));
        await Task.Delay(500);
        Assert.False(second.IsCompleted, "the second transaction took the lock the first holds");

        await holding.CommitAsync();
        Assert.Single(await second.WaitAsync(TimeSpan.FromSeconds(10)));
    }

    [Fact]
    public async Task Erase_RemovesTheUserAndTheirEvents_AndWaitsForTheirLock()
    {
        var user = await fixture.CreateUserAsync();
        var other = await fixture.CreateUserAsync();
        var at = new DateTimeOffset(2026, 3, 2, 12, 0, 0, TimeSpan.Zero);
        foreach (var owner in new[] { user, other })
        {
            await fixture.InTransactionAsync(c => EventStatements.StoreAsync(c,
                [RawEvent.From(owner.Id, owner.DeviceId, "garmin", new DateOnly(2026, 3, 2), at, new("w", "hydration", at, Hydration: new(100)))], default));
        }

        await using var scoring = await fixture.DataSource.OpenConnectionAsync();
        await using var holding = await scoring.BeginTransactionAsync();
        await UserStatements.LockAsync(scoring, [user.Id], default);
        var erasing = fixture.InTransactionAsync(c => UserStatements.EraseAsync(c, user.Id, default));
        await Task.Delay(500);
        Assert.False(erasing.IsCompleted, "erasure did not wait for the user's lock");
        await holding.CommitAsync();

        Assert.True(await erasing.WaitAsync(TimeSpan.FromSeconds(10)));
        Assert.False(await fixture.WithDbAsync(db => db.Users.AnyAsync(u => u.Id == user.Id)));
        Assert.False(await fixture.WithDbAsync(db => db.RawEvents.AnyAsync(e => e.UserId == user.Id)));
        Assert.True(await fixture.WithDbAsync(db => db.RawEvents.AnyAsync(e => e.UserId == other.Id)));
        Assert.False(await fixture.InTransactionAsync(c => UserStatements.EraseAsync(c, user.Id, default)));
    }

    [Fact]
    public async Task InsertSelected_StoresTheUsersTheQuerySelects_ByColumnName()
    {
        var id = Guid.NewGuid();
        var email = $"u{id:N}@bench.localhost";

        // Columns in another order than Columns: they are matched by name.
        await fixture.InTransactionAsync(async c =>
        {
            await UserStatements.InsertSelectedAsync(c, $"""
                select 'Europe/Berlin' as time_zone, '{id}'::uuid as id, '{email}' as email, 'Kim' as display_name, 172.0::float8 as height_cm,
                       1980 as birth_year, 'female' as sex, 120.5::float8 as start_weight_kg, null::float8 as goal_weight_kg,
                       date '2025-06-01' as bariatric_surgery_date, false as smoker, 'Sunday' as week_start, 7 as summary_hour,
                       timestamptz '2026-01-05T10:00:00Z' as created_at, '{id:N}' as unsubscribe_token, null::timestamptz as unsubscribed_at,
                       null::jsonb as source_priorities
                """, default);
            return 0;
        });

        var user = await fixture.WithDbAsync(db => db.Users.AsNoTracking().SingleAsync(u => u.Id == id));
        Assert.Equal((email, "Europe/Berlin", DayOfWeek.Sunday, 7, (DateOnly?)new DateOnly(2025, 6, 1), (double?)120.5),
            (user.Email, user.TimeZone, user.WeekStart, user.SummaryHour, user.BariatricSurgeryDate, user.StartWeightKg));
    }

    [Fact]
    public async Task InsertSelected_RefusesAQueryThatLacksAColumn()
    {
        var id = Guid.NewGuid();
        await Assert.ThrowsAsync<PostgresException>(() => fixture.InTransactionAsync(async c =>
        {
            await UserStatements.InsertSelectedAsync(c, $"select '{id}'::uuid as id, 'u{id:N}@bench.localhost' as email", default);
            return 0;
        }));
    }

    [Fact]
    public void Columns_AreEveryColumnOfTheEfModel()
    {
        using var scope = fixture.Api.Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<SkinProgress.Data.SkinProgressDbContext>();
        var model = db.Model.FindEntityType(typeof(User))!.GetProperties().Select(p => p.GetColumnName());
        Assert.Equal(model.Order(StringComparer.Ordinal), UserStatements.Columns.Order(StringComparer.Ordinal));
    }
}
