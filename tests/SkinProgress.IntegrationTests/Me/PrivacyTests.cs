using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Hangfire;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using SkinProgress.IntegrationTests.Summaries;
using SkinProgress.ServiceDefaults.Jobs;

namespace SkinProgress.IntegrationTests.Me;

[Collection(RealServices.Name)]
public sealed class PrivacyTests(SkinProgressFixture fixture)
{
    [Fact]
    public async Task Export_HoldsProfileDevicesEventsDaysAndSummaries_ButNoKeyHashes()
    {
        var user = await fixture.CreateUserAsync();
        await fixture.FeedFourWeeksAsync(user, SummaryScenario.Week);
        await fixture.RunSummaryAsync(user, SummaryScenario.Week);
        await fixture.WaitForSummaryAsync(user, SummaryScenario.Week);

        using var me = fixture.Client(user.UserKey);
        using var response = await me.GetAsync("/v1/me/export");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var raw = await response.Content.ReadAsStringAsync();
        var export = JsonDocument.Parse(raw).RootElement;
        Assert.Equal(user.Email, export.GetProperty("profile").GetProperty("email").GetString());
        Assert.Single(export.GetProperty("devices").EnumerateArray());
        Assert.Equal(await fixture.WithDbAsync(db => db.RawEvents.CountAsync(e => e.UserId == user.Id)), export.GetProperty("events").GetArrayLength());
        Assert.Equal(28, export.GetProperty("days").GetArrayLength());
        Assert.Single(export.GetProperty("summaries").EnumerateArray());
        Assert.DoesNotContain("hash", raw, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task Erase_LeavesQueuedJobsAlone_WhichThenSucceedAndSendNothingToTheErasedUser()
    {
        var user = await fixture.CreateUserAsync();
        var other = await fixture.CreateUserAsync();
        await fixture.FeedFourWeeksAsync(user, SummaryScenario.Week);
        await fixture.FeedFourWeeksAsync(other, SummaryScenario.Week);
        var jobs = fixture.WorkerServices.GetRequiredService<IBackgroundJobClient>();
        var later = TimeSpan.FromHours(1);
        var week = SummaryScenario.Week;
        var own = jobs.Schedule<ICompileSummaries>(j => j.RunAsync(week, new[] { user.Id }, 1, 2, CancellationToken.None), later);
        var shared = jobs.Schedule<ICompileSummaries>(j => j.RunAsync(week, new[] { user.Id, other.Id }, 2, 2, CancellationToken.None), later);
        var send = jobs.Schedule<ISendSummaries>(j => j.RunAsync(week, new[] { user.Id, other.Id }, CancellationToken.None), later);

        using var me = fixture.Client(user.UserKey);
        Assert.Equal(HttpStatusCode.NoContent, (await me.DeleteAsync("/v1/me")).StatusCode);
        Assert.All(new[] { own, shared, send }, id => Assert.Equal("Scheduled", StateOf(id)));

        jobs.Requeue(own);
        jobs.Requeue(shared);
        Assert.Equal("Succeeded", await FinishedAsync(own));
        Assert.Equal("Succeeded", await FinishedAsync(shared));
        await fixture.WaitForSummaryAsync(other, week);
        jobs.Requeue(send);
        Assert.Equal("Succeeded", await FinishedAsync(send));

        Assert.Single(await fixture.EmailsAsync(other));
        Assert.Empty(fixture.Smtp.To(user.Email));
        Assert.False(await fixture.SummaryStoredAsync(user, week));
    }

    [Fact]
    public async Task Erase_RemovesTheUserAndEverythingAboutThem()
    {
        var user = await fixture.CreateUserAsync();
        var other = await fixture.CreateUserAsync();
        await fixture.FeedFourWeeksAsync(user, SummaryScenario.Week);
        await fixture.FeedFourWeeksAsync(other, SummaryScenario.Week);
        await fixture.RunSummaryAsync(user, SummaryScenario.Week);
        await fixture.WaitForSummaryAsync(user, SummaryScenario.Week);

        using var me = fixture.Client(user.UserKey);
        Assert.Equal(HttpStatusCode.NoContent, (await me.DeleteAsync("/v1/me")).StatusCode);

        Assert.Equal(HttpStatusCode.Unauthorized, (await me.GetAsync("/v1/me")).StatusCode);
        using var device = fixture.Client(user.DeviceKey);
        Assert.Equal(HttpStatusCode.Unauthorized, (await device.PostEventsAsync(Pipeline.Water("late", "2026-11-20T10:00:00Z", 100))).StatusCode);
        var left = await fixture.WithDbAsync(async db => new[]
        {
            await db.Users.CountAsync(u => u.Id == user.Id),
            await db.Devices.CountAsync(d => d.UserId == user.Id),
            await db.ApiKeys.CountAsync(k => k.UserId == user.Id),
            await db.RawEvents.CountAsync(e => e.UserId == user.Id),
            await db.DailyTotals.CountAsync(d => d.UserId == user.Id),
            await db.WeeklySummaries.CountAsync(s => s.UserId == user.Id),
        });
        Assert.All(left, count => Assert.Equal(0, count));
        Assert.True(await fixture.WithDbAsync(db => db.RawEvents.AnyAsync(e => e.UserId == other.Id)), "another user's data stays");
    }

    private string? StateOf(string jobId)
    {
        using var storage = fixture.WorkerServices.GetRequiredService<JobStorage>().GetConnection();
        return storage.GetJobData(jobId)?.State;
    }

    private Task<string?> FinishedAsync(string jobId) =>
        SkinProgressFixture.EventuallyAsync(() => Task.FromResult(StateOf(jobId)), s => s is "Succeeded" or "Failed", TimeSpan.FromSeconds(90));
}
