using Npgsql;
using SkinProgress.Connections.Http;
using SkinProgress.Data.Connections;

namespace SkinProgress.IntegrationTests.Data.Connections;

/// <summary>The shared request budget on the migrated schema, taken from several pools at once as several processes would.</summary>
[Collection(RealServices.Name)]
public sealed class PostgresRateBudgetTests(SkinProgressFixture fixture)
{
    private static readonly RateWindow Short = new("15min", TimeSpan.FromMinutes(15), 2);
    private static readonly RateWindow Day = new("day", TimeSpan.FromDays(1), 3);
    private static readonly DateTimeOffset At = new(2026, 12, 1, 10, 7, 0, TimeSpan.Zero);

    private static string Provider() => $"test-{Guid.NewGuid():N}";

    [Fact]
    public async Task ConcurrentTakesFromSeveralProcesses_NeverExceedTheLimit()
    {
        var provider = Provider();
        var window = new RateWindow("15min", TimeSpan.FromMinutes(15), 10);
        await using var first = SkinProgressFixture.NamedDataSource(fixture.ConnectionString);
        await using var second = SkinProgressFixture.NamedDataSource(fixture.ConnectionString);
        var budgets = new[] { new PostgresRateBudget(first), new PostgresRateBudget(second) };

        var takes = await Task.WhenAll(Enumerable.Range(0, 30).Select(i => budgets[i % 2].TryTakeAsync(provider, [window], At, default).AsTask()));

        Assert.Equal(10, takes.Count(t => t is null));
        Assert.All(takes.OfType<DateTimeOffset>(), t => Assert.Equal(new DateTimeOffset(2026, 12, 1, 10, 15, 0, TimeSpan.Zero), t));
        Assert.Equal(10, await UsedAsync(provider, "15min"));
    }

    [Fact]
    public async Task RefusedTake_CountsInNoWindow_AndTheNextWindowStartsAfresh()
    {
        var provider = Provider();
        var budget = new PostgresRateBudget(fixture.DataSource);
        for (var i = 0; i < 3; i++)
        {
            await budget.TryTakeAsync(provider, [Short, Day], At, default);
        }

        Assert.Equal(2, await UsedAsync(provider, "day"));
        var next = At.AddMinutes(15);
        Assert.Null(await budget.TryTakeAsync(provider, [Short, Day], next, default));
        Assert.Equal(new DateTimeOffset(2026, 12, 2, 0, 0, 0, TimeSpan.Zero), await budget.TryTakeAsync(provider, [Short, Day], next, default));
        Assert.Equal(1, await UsedAsync(provider, "15min"));
    }

    [Fact]
    public async Task ObservedUsage_RaisesTheCount_NeverLowersIt()
    {
        var provider = Provider();
        var budget = new PostgresRateBudget(fixture.DataSource);
        await budget.TryTakeAsync(provider, [Short], At, default);

        await budget.ObserveAsync(provider, Short, 2, At, default);
        await budget.ObserveAsync(provider, Short, 0, At, default);

        Assert.Equal(2, await UsedAsync(provider, "15min"));
        Assert.NotNull(await budget.TryTakeAsync(provider, [Short], At, default));
    }

    private async Task<long> UsedAsync(string provider, string window)
    {
        await using var command = fixture.DataSource.CreateCommand("select used from rate_budgets where provider = $1 and window_name = $2");
        command.Parameters.Add(new NpgsqlParameter { Value = provider });
        command.Parameters.Add(new NpgsqlParameter { Value = window });
        return (long)(await command.ExecuteScalarAsync())!;
    }
}
