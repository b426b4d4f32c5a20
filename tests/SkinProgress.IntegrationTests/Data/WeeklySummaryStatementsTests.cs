using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using SkinProgress.Data;
using SkinProgress.Data.Summaries;

namespace SkinProgress.IntegrationTests.Data;

/// <summary>Each statement of <see cref="WeeklySummaryStatements"/>, run against the migrated schema.</summary>
[Collection(RealServices.Name)]
public sealed class WeeklySummaryStatementsTests(SkinProgressFixture fixture)
{
    private static readonly DateOnly Week = new(2026, 11, 16);
    private static readonly DateTimeOffset CompiledAt = new(2026, 11, 23, 18, 0, 0, TimeSpan.Zero);

    [Fact]
    public async Task StoreCompiled_StoresEveryColumn_AndKeepsTheFirstSummaryOfAWeek()
    {
        var (first, second) = (await fixture.CreateUserAsync(), await fixture.CreateUserAsync());

        var stored = await WithStatementsAsync((s, _) => s.StoreCompiledAsync([Compiled(first, "first"), Compiled(second, "first", emailDue: false)], CompiledAt, default));
        var again = await WithStatementsAsync((s, _) => s.StoreCompiledAsync([Compiled(first, "second")], CompiledAt.AddHours(1), default));

        Assert.Equal((2, 0), (stored, again));
        var row = await RowAsync(first);
        Assert.Equal(("<p>first</p>", "first", true, CompiledAt, (DateTimeOffset?)null), (row.Html, row.Text, row.EmailDue, row.CompiledAt, row.SentAt));
        Assert.Equal(Chart, row.ChartPng);
        Assert.Contains("\"score\": 71", row.Summary, StringComparison.Ordinal);
        Assert.False((await RowAsync(second)).EmailDue);
    }

    [Fact]
    public async Task ClaimForSending_ReturnsTheSummaryAndItsUser_UntilItIsMarkedSent()
    {
        var user = await fixture.CreateUserAsync();
        await WithStatementsAsync((s, _) => s.StoreCompiledAsync([Compiled(user, "hello")], CompiledAt, default));

        var claimed = await InTransactionAsync(async s =>
        {
            var claim = Assert.Single(await s.ClaimForSendingAsync(Week, [user.Id], default));
            await s.MarkSentAsync(Week, [user.Id], CompiledAt.AddMinutes(5), default);
            return claim;
        });

        Assert.Equal((user.Id, "<p>hello</p>", "hello", user.Email), (claimed.UserId, claimed.Html, claimed.Text, claimed.Email));
        Assert.Equal(Chart, claimed.ChartPng);
        Assert.False(string.IsNullOrEmpty(claimed.UnsubscribeToken));
        Assert.Equal(CompiledAt.AddMinutes(5), (await RowAsync(user)).SentAt);
        Assert.Empty(await InTransactionAsync(s => s.ClaimForSendingAsync(Week, [user.Id], default)));
    }

    [Fact]
    public async Task ClaimForSending_OfSeveralUsers_ReturnsThoseStillToSend_InTheGivenOrder_AndMarkSentMarksThemAll()
    {
        var users = new[] { await fixture.CreateUserAsync(), await fixture.CreateUserAsync(), await fixture.CreateUserAsync(), await fixture.CreateUserAsync() };
        var (notDue, sent) = (users[1], users[3]);
        await WithStatementsAsync((s, _) => s.StoreCompiledAsync([.. users.Select(u => Compiled(u, u.Email, emailDue: u != notDue))], CompiledAt, default));
        await InTransactionAsync(async s =>
        {
            await s.MarkSentAsync(Week, [sent.Id], CompiledAt, default);
            return true;
        });

        Guid[] order = [users[2].Id, sent.Id, notDue.Id, users[0].Id];
        var claimed = await InTransactionAsync(async s =>
        {
            var claim = await s.ClaimForSendingAsync(Week, order, default);
            await s.MarkSentAsync(Week, [.. claim.Select(c => c.UserId)], CompiledAt.AddMinutes(5), default);
            return claim;
        });

        Assert.Equal([users[2].Id, users[0].Id], claimed.Select(c => c.UserId));
        Assert.Equal([users[2].Email, users[0].Email], claimed.Select(c => c.Text));
        Assert.Equal(CompiledAt.AddMinutes(5), (await RowAsync(users[0])).SentAt);
        Assert.Equal(CompiledAt.AddMinutes(5), (await RowAsync(users[2])).SentAt);
        Assert.Equal(CompiledAt, (await RowAsync(sent)).SentAt);
        Assert.Null((await RowAsync(notDue)).SentAt);
        Assert.Empty(await InTransactionAsync(s => s.ClaimForSendingAsync(Week, order, default)));
    }

    [Fact]
    public async Task ClaimForSending_FindsNothing_WhenNotDueOrTheUserUnsubscribed()
    {
        var (notDue, unsubscribed) = (await fixture.CreateUserAsync(), await fixture.CreateUserAsync());
        await WithStatementsAsync((s, _) => s.StoreCompiledAsync([Compiled(notDue, "x", emailDue: false), Compiled(unsubscribed, "x")], CompiledAt, default));
        await fixture.WithDbAsync(db => db.Users.Where(u => u.Id == unsubscribed.Id).ExecuteUpdateAsync(u => u.SetProperty(x => x.UnsubscribedAt, CompiledAt)));

        Assert.Empty(await InTransactionAsync(s => s.ClaimForSendingAsync(Week, [notDue.Id, unsubscribed.Id], default)));
    }

    [Fact]
    public async Task ClaimForSending_SkipsARowAnotherSenderHolds_AndFindsItOnceReleased()
    {
        var user = await fixture.CreateUserAsync();
        await WithStatementsAsync((s, _) => s.StoreCompiledAsync([Compiled(user, "x")], CompiledAt, default));

        await using var holder = fixture.Api.Services.CreateAsyncScope();
        var holderDb = holder.ServiceProvider.GetRequiredService<SkinProgressDbContext>();
        await using (var held = await holderDb.Database.BeginTransactionAsync())
        {
            Assert.Single(await holder.ServiceProvider.GetRequiredService<WeeklySummaryStatements>().ClaimForSendingAsync(Week, [user.Id], default));

            Assert.Empty(await InTransactionAsync(s => s.ClaimForSendingAsync(Week, [user.Id], default)));
            await held.RollbackAsync();
        }

        Assert.Single(await InTransactionAsync(s => s.ClaimForSendingAsync(Week, [user.Id], default)));
    }

    [Fact]
    public async Task ClaimForSending_OutsideATransaction_Throws()
    {
        var user = await fixture.CreateUserAsync();

        await Assert.ThrowsAsync<InvalidOperationException>(() => WithStatementsAsync((s, _) => s.ClaimForSendingAsync(Week, [user.Id], default)));
    }

    [Fact]
    public async Task MarkFailed_StoresWhenAndWhy_CutToTheColumn_AndTheSummaryIsNoLongerClaimed()
    {
        var user = await fixture.CreateUserAsync();
        await WithStatementsAsync((s, _) => s.StoreCompiledAsync([Compiled(user, "x")], CompiledAt, default));
        var reason = "Refused by the SMTP server: 550 " + new string('x', WeeklySummaryRow.SendFailureMaxLength);

        await InTransactionAsync(async s =>
        {
            await s.ClaimForSendingAsync(Week, [user.Id], default);
            await s.MarkFailedAsync(user.Id, Week, CompiledAt.AddMinutes(1), reason, default);
            return true;
        });

        var row = await RowAsync(user);
        Assert.Equal(CompiledAt.AddMinutes(1), row.SendFailedAt);
        Assert.Equal(reason[..WeeklySummaryRow.SendFailureMaxLength], row.SendFailure);
        Assert.Null(row.SentAt);
        Assert.Empty(await InTransactionAsync(s => s.ClaimForSendingAsync(Week, [user.Id], default)));
    }

    private static readonly byte[] Chart = [0x89, 0x50, 0x4E, 0x47, 1, 2, 3];

    private static CompiledSummary Compiled(TestUser user, string text, bool emailDue = true) =>
        new(user.Id, Week, """{"score": 71}""", $"<p>{text}</p>", text, Chart, emailDue);

    private async Task<T> WithStatementsAsync<T>(Func<WeeklySummaryStatements, SkinProgressDbContext, Task<T>> use)
    {
        await using var scope = fixture.Api.Services.CreateAsyncScope();
        return await use(scope.ServiceProvider.GetRequiredService<WeeklySummaryStatements>(), scope.ServiceProvider.GetRequiredService<SkinProgressDbContext>());
    }

    /// <summary>Runs the statements in one transaction, as the send job does, and commits it.</summary>
    private Task<T> InTransactionAsync<T>(Func<WeeklySummaryStatements, Task<T>> use) =>
        WithStatementsAsync(async (statements, db) =>
        {
            await using var transaction = await db.Database.BeginTransactionAsync();
            var result = await use(statements);
            await transaction.CommitAsync();
            return result;
        });

    private Task<WeeklySummaryRow> RowAsync(TestUser user) =>
        fixture.WithDbAsync(db => db.WeeklySummaries.AsNoTracking().SingleAsync(w => w.UserId == user.Id && w.WeekStart == Week));
}
