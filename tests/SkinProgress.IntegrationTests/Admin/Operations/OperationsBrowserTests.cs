using System.Globalization;
using SkinProgress.IntegrationTests.Security;

namespace SkinProgress.IntegrationTests.Admin.Operations;

/// <summary>An admin in a real Chromium: signs in, reads each operations page, replays one failed message and discards another.</summary>
[Collection(RealServices.Name)]
public sealed class OperationsBrowserTests(SkinProgressFixture fixture)
{
    [Fact]
    public async Task Admin_SignsIn_ReadsEachPage_ReplaysAFailedMessageAndSeesItCounted_AndDiscardsAnother()
    {
        var user = await fixture.CreateUserAsync();
        var (batch, replayId) = await fixture.FailedBatchAsync(user, "browser-replay");
        var (_, discardId) = await fixture.FailedBatchAsync(await fixture.CreateUserAsync(), "browser-discard");
        await using var session = await ChromiumSession.StartAsync(fixture);
        var page = session.Page;

        await page.GotoAsync(session.Url("/admin/ops"));
        Assert.Contains("/admin/login", page.Url, StringComparison.Ordinal);
        await page.FillAsync("#key", fixture.AdminKey);
        await page.ClickAsync("button[type=submit]");
        await page.WaitForURLAsync($"{session.Address}/admin/ops");
        Assert.Equal("SkinProgress operations · Pipeline", await page.TitleAsync());
        Assert.Matches("^[0-9]+$", await page.InnerTextAsync("#scored-last-hour"));
        var scoring = await page.InnerTextAsync("tr[data-queue=scoring]");
        Assert.Matches(@"scoring\s+[0-9]+\s+[1-9][0-9]*", scoring);
        var errors = int.Parse(await page.InnerTextAsync("tr[data-queue=scoring_error] td.n"), CultureInfo.InvariantCulture);
        Assert.True(errors >= 2, $"scoring_error shows {errors}");

        await page.ClickAsync("text=Failed messages");
        var row = page.Locator($"tr[data-message-id='{replayId}']");
        Assert.Contains(FailedMessageSeed.Reason, await row.InnerTextAsync(), StringComparison.Ordinal);
        Assert.Contains($"user {user.Id} · 1 event", await row.InnerTextAsync(), StringComparison.Ordinal);
        await row.Locator("button[data-action=replay]").ClickAsync();
        Assert.Equal("Replayed 1 message(s) from scoring_error.", await page.InnerTextAsync("[role=status]"));
        Assert.Equal(0, await page.Locator($"tr[data-message-id='{replayId}']").CountAsync());

        using (var me = fixture.Client(user.UserKey))
        {
            var day = await me.DayWithEventsAsync(FailedMessageSeed.LocalDate(batch), 1);
            Assert.Equal(250, day.Number("fluidsMl"));
        }

        await page.Locator($"tr[data-message-id='{discardId}'] button[data-action=discard]").ClickAsync();
        Assert.Equal("Discarded 1 message(s) from scoring_error.", await page.InnerTextAsync("[role=status]"));
        Assert.Equal(0, await page.Locator($"tr[data-message-id='{discardId}']").CountAsync());

        await page.ClickAsync("text=Weekly emails");
        Assert.Equal("SkinProgress operations · Weekly emails", await page.TitleAsync());
        await page.ClickAsync("text=Sync health");
        Assert.Equal("SkinProgress operations · Sync health", await page.TitleAsync());
        Assert.Contains("Provider connections needing re-authorisation", await page.InnerTextAsync("main"), StringComparison.Ordinal);

        session.AssertNothingBlocked();
    }
}
