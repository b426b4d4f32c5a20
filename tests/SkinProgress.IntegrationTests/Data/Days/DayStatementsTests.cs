using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using SkinProgress.Data;
using SkinProgress.Data.Days;
using SkinProgress.Days;

namespace SkinProgress.IntegrationTests.Data.Days;

[Collection(RealServices.Name)]
public sealed class DayStatementsTests(SkinProgressFixture fixture)
{
    private static readonly DateOnly Day = new(2026, 3, 2);

    [Fact]
    public void Columns_AreEveryColumnOfTheEfModel()
    {
        using var scope = fixture.Api.Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<SkinProgressDbContext>();
        var model = db.Model.FindEntityType(typeof(DailyTotalRow))!.GetProperties().Select(p => p.GetColumnName());
        Assert.Equal(model.Order(StringComparer.Ordinal), DayStatements.Columns.Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task Write_StoresEveryTotal_ReplacesWhatWasThere_AndDeletesEmptyDays()
    {
        var user = await fixture.CreateUserAsync();
        var now = new DateTimeOffset(2026, 3, 3, 8, 0, 0, TimeSpan.Zero);
        var first = new DailyTotals(Day, new Dictionary<string, double> { ["running/vigorous"] = 30 }, 60, 1, 40.5, 900, 300, 750, 96.2, 1, 2, 6);
        var replaced = new DailyTotals(Day, new Dictionary<string, double> { ["walking/moderate"] = 25.5 }, 25.5, 0, 12, 0, 0, 0, null, 0, 1, 2);
        var emptied = first with { Date = Day.AddDays(1) };

        await fixture.InTransactionAsync(async c => { await DayStatements.WriteAsync(c, [new DayWrite(user.Id, first), new DayWrite(user.Id, emptied)], [], now, default); return 0; });
        await fixture.InTransactionAsync(async c =>
        {
            await DayStatements.WriteAsync(c, [new DayWrite(user.Id, replaced)], [new UserDay(user.Id, Day.AddDays(1))], now.AddHours(1), default);
            return 0;
        });

        var rows = await fixture.WithDbAsync(db => db.DailyTotals.AsNoTracking().Where(d => d.UserId == user.Id).ToListAsync());
        var row = Assert.Single(rows);
        Assert.Equal(now.AddHours(1), row.UpdatedAt);
        Assert.Equivalent(replaced, row.ToDailyTotals(), strict: true);
        Assert.Equal([Day], await fixture.InTransactionAsync(c => DayStatements.ReadDatesAsync(c, user.Id, default)));
        var (owner, read) = Assert.Single(await fixture.InTransactionAsync(c => DayStatements.ReadAsync(c, [user.Id], default)));
        Assert.Equal(user.Id, owner);
        Assert.Equivalent(replaced, read, strict: true);
    }

    [Fact]
    public async Task CountEventsAndCommitTimes_ReadTheDaysOfTheRange()
    {
        var user = await fixture.CreateUserAsync();
        // A range no other test writes: the counts are of every user's days in it.
        var day = new DateOnly(2011, 6, 1).AddDays(Random.Shared.Next(3000));
        var now = new DateTimeOffset(2026, 3, 3, 8, 0, 0, TimeSpan.Zero);
        var totals = new DailyTotals(day, new Dictionary<string, double>(), 0, 0, 10, 0, 0, 0, null, 0, 1, 7);
        await fixture.InTransactionAsync(async c => { await DayStatements.WriteAsync(c, [new DayWrite(user.Id, totals)], [], now, default); return 0; });

        Assert.Equal(7, await fixture.InTransactionAsync(c => DayStatements.CountEventsAsync(c, day, day, default)));
        var times = await fixture.InTransactionAsync(c => DayStatements.CommitTimesAsync(c, day, day, default));
        Assert.Equal([new UserDay(user.Id, day)], times.Keys);
        Assert.NotNull(await fixture.InTransactionAsync(c => DayStatements.LastCommitAsync(c, default)));
    }

    [Fact]
    public async Task InsertSelected_TakesEachColumnByName_AndRefusesAQueryLackingOne()
    {
        var user = await fixture.CreateUserAsync();
        const string Values = "2, 1, 40, 900, 300, 750, 96.2::float8, 1, 2, 6, now()";
        await fixture.InTransactionAsync(async c =>
        {
            await DayStatements.InsertSelectedAsync(c, $$"""
                select 1 as strength_sessions, '{{user.Id}}'::uuid as user_id, date '2026-03-02' as local_date, '{"running/vigorous": 30}'::jsonb as workout_minutes,
                    60 as moderate_equivalent_minutes, 40.5 as protein_grams, 900 as energy_kcal, 300 as workout_energy_kcal, 750 as fluids_ml,
                    96.2 as last_weight_kg, 1 as skin_checks, 2 as meal_count, 6 as event_count, null::jsonb as explanation, now() as updated_at
                """, default);
            return 0;
        });

        var (_, day) = Assert.Single(await fixture.InTransactionAsync(c => DayStatements.ReadAsync(c, [user.Id], default)));
        Assert.Equivalent(new DailyTotals(Day, new Dictionary<string, double> { ["running/vigorous"] = 30 }, 60, 1, 40.5, 900, 300, 750, 96.2, 1, 2, 6), day, strict: true);
        await Assert.ThrowsAsync<PostgresException>(() => fixture.InTransactionAsync(async c =>
        {
            await DayStatements.InsertSelectedAsync(c, $"select '{user.Id}'::uuid as user_id, {Values}", default);
            return 0;
        }));
    }
}
