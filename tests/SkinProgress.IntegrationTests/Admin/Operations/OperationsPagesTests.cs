using System.Globalization;
using System.Net;
using Microsoft.EntityFrameworkCore;
using SkinProgress.Data.Connections;
using SkinProgress.IntegrationTests.Summaries;

namespace SkinProgress.IntegrationTests.Admin.Operations;

[Collection(RealServices.Name)]
public sealed class OperationsPagesTests(SkinProgressFixture fixture)
{
    public static TheoryData<string> Pages => ["/admin/ops", "/admin/ops/failed", "/admin/ops/emails", "/admin/ops/sync"];

    [Theory]
    [MemberData(nameof(Pages))]
    public async Task AnonymousBrowser_IsSentToSignIn_AndBackToThePage(string page)
    {
        using var browser = fixture.Api.CreateClient(new() { AllowAutoRedirect = false, HandleCookies = false, BaseAddress = new Uri("https://localhost") });
        using var response = await browser.GetAsync(page);
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal($"/admin/login?returnUrl={Uri.EscapeDataString(page)}", response.Headers.Location?.OriginalString);
    }

    [Fact]
    public async Task AnonymousPost_ActsOnNothing_AndIsSentToSignIn()
    {
        var user = await fixture.CreateUserAsync();
        var (_, messageId) = await fixture.FailedBatchAsync(user, "anonymous-replay");
        using var browser = fixture.Api.CreateClient(new() { AllowAutoRedirect = false, HandleCookies = false, BaseAddress = new Uri("https://localhost") });

        using var response = await browser.PostAsync("/admin/ops/failed/replay",
            new FormUrlEncodedContent([new("queue", "scoring_error"), new("messageId", messageId.ToString())]));

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Contains(messageId.ToString(), await FailedPageAsync(), StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(Pages))]
    public async Task UserOrDeviceKey_Gets403(string page)
    {
        var user = await fixture.CreateUserAsync();
        foreach (var key in new[] { user.UserKey, user.DeviceKey })
        {
            using var client = fixture.AdminPages(key);
            Assert.Equal(HttpStatusCode.Forbidden, (await client.GetAsync(page)).StatusCode);
        }
    }

    [Fact]
    public async Task UnknownKey_Gets401()
    {
        using var client = fixture.AdminPages("spa_unknown-unknown-unknown-unknown-unknown-00");
        Assert.Equal(HttpStatusCode.Unauthorized, (await client.GetAsync("/admin/ops")).StatusCode);
    }

    [Fact]
    public async Task Pipeline_ShowsEachQueueWithItsConsumers_AndTheEventsOfTheLastHour()
    {
        using var admin = fixture.AdminPages();
        var html = await admin.GetStringAsync("/admin/ops");

        Assert.Contains("<tr data-queue=\"scoring\">", html, StringComparison.Ordinal);
        Assert.Contains("<tr data-queue=\"scoring_error\">", html, StringComparison.Ordinal);
        Assert.Contains("<tr data-queue=\"summary-runs\">", html, StringComparison.Ordinal);
        Assert.DoesNotContain("No Worker is consuming", html, StringComparison.Ordinal);
        Assert.Contains("id=\"scored-last-hour\"", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Replay_ScoresTheMessageOnce_AndTakesItOutOfTheErrorQueue_SoASecondReplayFindsNothing()
    {
        var user = await fixture.CreateUserAsync();
        var (batch, messageId) = await fixture.FailedBatchAsync(user, "replayed-once");
        var failed = await FailedPageAsync();
        Assert.Contains(messageId.ToString(), failed, StringComparison.Ordinal);
        Assert.Contains(FailedMessageSeed.Reason, failed, StringComparison.Ordinal);
        Assert.Contains($"batch {batch.BatchId} · user {user.Id} · 1 event", failed, StringComparison.Ordinal);

        using var admin = fixture.AdminPages();
        var replay = ("queue", "scoring_error");
        Assert.Equal("Replayed 1 message(s) from scoring_error.",
            await admin.PostAsync("/admin/ops/failed", "/admin/ops/failed/replay", replay, ("messageId", messageId.ToString())));

        using var me = fixture.Client(user.UserKey);
        var date = FailedMessageSeed.LocalDate(batch);
        var day = await me.DayWithEventsAsync(date, 1);
        Assert.Equal(250, day.Number("fluidsMl"));
        Assert.DoesNotContain(messageId.ToString(), await FailedPageAsync(), StringComparison.Ordinal);

        Assert.Equal("Replayed 0 message(s) from scoring_error.",
            await admin.PostAsync("/admin/ops/failed", "/admin/ops/failed/replay", replay, ("messageId", messageId.ToString())));
        Assert.Equal(1, (await me.GetDayAsync(date))!.Value.GetProperty("eventCount").GetInt32());
    }

    [Fact]
    public async Task ReplayOfOne_LeavesTheOthers_AndDiscardDropsOneUnscored()
    {
        var replayed = await fixture.CreateUserAsync();
        var discarded = await fixture.CreateUserAsync();
        var (replayedBatch, replayedId) = await fixture.FailedBatchAsync(replayed, "replay-me");
        var (discardedBatch, discardedId) = await fixture.FailedBatchAsync(discarded, "discard-me");
        using var admin = fixture.AdminPages();

        await admin.PostAsync("/admin/ops/failed", "/admin/ops/failed/replay", ("queue", "scoring_error"), ("messageId", replayedId.ToString()));
        using (var me = fixture.Client(replayed.UserKey))
        {
            await me.DayWithEventsAsync(FailedMessageSeed.LocalDate(replayedBatch), 1);
        }

        Assert.Contains(discardedId.ToString(), await FailedPageAsync(), StringComparison.Ordinal);

        Assert.Equal("Discarded 1 message(s) from scoring_error.",
            await admin.PostAsync("/admin/ops/failed", "/admin/ops/failed/discard", ("queue", "scoring_error"), ("messageId", discardedId.ToString())));
        Assert.DoesNotContain(discardedId.ToString(), await FailedPageAsync(), StringComparison.Ordinal);
        using var other = fixture.Client(discarded.UserKey);
        Assert.Null(await other.GetDayAsync(FailedMessageSeed.LocalDate(discardedBatch)));
    }

    [Fact]
    public async Task ReplayAll_MovesEveryMessageOfTheQueueBack()
    {
        var user = await fixture.CreateUserAsync();
        var (first, firstId) = await fixture.FailedBatchAsync(user, "all-1");
        var (_, secondId) = await fixture.FailedBatchAsync(user, "all-2");
        using var admin = fixture.AdminPages();

        var done = await admin.PostAsync("/admin/ops/failed", "/admin/ops/failed/replay", ("queue", "scoring_error"));

        Assert.Matches("^Replayed [0-9]+ message\\(s\\) from scoring_error\\.$", done);
        using var me = fixture.Client(user.UserKey);
        Assert.Equal(500, (await me.DayWithEventsAsync(FailedMessageSeed.LocalDate(first), 2)).Number("fluidsMl"));
        var failed = await FailedPageAsync();
        Assert.DoesNotContain(firstId.ToString(), failed, StringComparison.Ordinal);
        Assert.DoesNotContain(secondId.ToString(), failed, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ActionOnAQueueThatIsNoErrorQueue_IsRefused()
    {
        using var admin = fixture.AdminPages();
        using var response = await (await admin.OpenAsync("/admin/ops/failed")).SendAsync("/admin/ops/failed/discard", ("queue", "scoring"));
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
    }

    [Fact]
    public async Task Resend_ClearsTheFailure_SendsTheSummaryOnce_AndASecondResendDoesNothing()
    {
        var week = SummaryScenario.Week;
        var user = await fixture.CreateUserAsync();
        await fixture.FeedFourWeeksAsync(user, week);
        fixture.Smtp.Refuse(user.Email);
        try
        {
            fixture.CompileAsOneChunk(week, user);
            Assert.Equal("Succeeded", await (await fixture.SendJobAsync(user)).WaitUntilAsync("Succeeded"));
        }
        finally
        {
            fixture.Smtp.Accept(user.Email);
        }

        using var admin = fixture.AdminPages();
        var emails = await admin.GetStringAsync("/admin/ops/emails");
        Assert.Contains($"<tr data-user-id=\"{user.Id}\">", emails, StringComparison.Ordinal);
        Assert.Contains("Refused by the SMTP server: 550", emails, StringComparison.Ordinal);

        var resend = new[] { ("userId", user.Id.ToString()), ("weekStart", week.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)) };
        // Loaded once, posted twice: the second post is a second click, or a second admin's older copy of the page.
        var page = await admin.OpenAsync("/admin/ops/emails");
        Assert.Equal("Resend queued.", await page.PostAsync("/admin/ops/emails/resend", resend));

        Assert.Single(await fixture.EmailsAsync(user));
        var sent = await SkinProgressFixture.EventuallyAsync(() => SentAtAsync(user, week), s => s is not null);
        Assert.NotNull(sent);
        Assert.DoesNotContain($"<tr data-user-id=\"{user.Id}\">", await admin.GetStringAsync("/admin/ops/emails"), StringComparison.Ordinal);

        Assert.StartsWith("That summary is not marked failed", await page.PostAsync("/admin/ops/emails/resend", resend), StringComparison.Ordinal);
        Assert.Single(fixture.Smtp.To(user.Email));
    }

    [Fact]
    public async Task Sync_ListsADeviceSilentPastTheLimit_AndAConnectionNeedingReauthorisation()
    {
        var user = await fixture.CreateUserAsync();
        var refused = await fixture.CreateUserAsync();
        var silentSince = DateTimeOffset.UtcNow - SkinProgress.Api.Admin.AdminEndpoints.StaleAfter - TimeSpan.FromHours(1);
        await fixture.WithDbAsync(db => db.Devices.Where(d => d.Id == user.DeviceId)
            .ExecuteUpdateAsync(s => s.SetProperty(d => d.LastEventAt, silentSince)));
        await fixture.WithDbAsync(db =>
        {
            var now = DateTimeOffset.UtcNow;
            db.Connections.Add(new Connection
            {
                Id = Guid.NewGuid(), UserId = refused.Id, Provider = "withings", OwnerId = $"owner-{refused.Id:N}", DeviceId = refused.DeviceId,
                State = ConnectionStates.ReauthorizationRequired, ConnectedAt = now, BackfillFrom = now.AddDays(-90), BackfillTo = now, UpdatedAt = now,
            });
            return db.SaveChangesAsync();
        });

        using var admin = fixture.AdminPages();
        var html = await admin.GetStringAsync("/admin/ops/sync");

        Assert.Contains($"<tr data-device-id=\"{user.DeviceId}\">", html, StringComparison.Ordinal);
        Assert.Contains(user.Email, html, StringComparison.Ordinal);
        var row = html[html.IndexOf($"<tr data-user-id=\"{refused.Id}\">", StringComparison.Ordinal)..];
        Assert.Contains($"<td>{refused.Email}</td><td>withings</td>", row[..row.IndexOf("</tr>", StringComparison.Ordinal)], StringComparison.Ordinal);
    }

    private async Task<string> FailedPageAsync()
    {
        using var admin = fixture.AdminPages();
        return WebUtility.HtmlDecode(await admin.GetStringAsync("/admin/ops/failed"));
    }

    private static Task<DateTimeOffset?> SentAtAsync(SkinProgressFixture fixture, TestUser user, DateOnly week) =>
        fixture.WithDbAsync(db => db.WeeklySummaries.Where(s => s.UserId == user.Id && s.WeekStart == week).Select(s => s.SentAt).SingleAsync());

    private Task<DateTimeOffset?> SentAtAsync(TestUser user, DateOnly week) => SentAtAsync(fixture, user, week);
}
