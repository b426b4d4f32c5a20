using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
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

        await fixture.InTransactionAsync(async c => { await DayStatements.WriteAsync(c, [(user.Id, first), (user.Id, emptied)], [], now, default); return 0; });
        await fixture.InTransactionAsync(async c =>
        {
            await DayStatements.WriteAsync(c, [(user.Id, replaced)], [new UserDay(user.Id, Day.AddDays(1))], now.AddHours(1), default);
            return 0;
        });

        var rows = await fixture.WithDbAsync(db => db.DailyTotals.AsNoTracking().Where(d => d.UserId == user.Id).ToListAsync());
        var row = Assert.Single(rows);
        Assert.Equal(now.AddHours(1), row.UpdatedAt);
        Assert.Equivalent(replaced, row.ToDailyTotals(), strict: true);
        Assert.Equal([Day], await fixture.InTransactionAsync(c => DayStatements.ReadDatesAsync(c, user.Id, default)));
    }
}
