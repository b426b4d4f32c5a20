using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;
using Hangfire;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using SkinProgress.Contracts;
using SkinProgress.IntegrationTests.Summaries;
using static SkinProgress.IntegrationTests.Pipeline;
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
    public async Task Export_GivesEachEventAsItWasSent_AtTheOffsetItWasWrittenWith()
    {
        var user = await fixture.CreateUserAsync();
        using var device = fixture.Client(user.DeviceKey);
        using var me = fixture.Client(user.UserKey);
        HealthEvent[] sent =
        [
            new("run", "workout", new DateTimeOffset(2026, 3, 2, 8, 30, 0, TimeSpan.FromHours(1)), Workout: new Workout("running", 42.5, "vigorous", 8.25, 510, 151)),
            new("soup", "meal", new DateTimeOffset(2026, 3, 2, 12, 0, 0, TimeSpan.FromMinutes(-330)), Meal: new Meal(31.5, 640, 70, 22, 45, "Lentil soup")),
            new("scale", "weight", new DateTimeOffset(2026, 3, 2, 6, 0, 0, TimeSpan.Zero), Weight: new Weight(96.4)),
            new("check", "skin_check", new DateTimeOffset(2026, 3, 2, 21, 0, 0, TimeSpan.Zero),
                SkinCheck: new SkinCheck(new Dictionary<string, int> { ["abdomen"] = 2, ["arms"] = 0 }, ["fold_rash"])),
        ];
        var body = JsonSerializer.SerializeToNode(new { events = sent }, JsonSerializerOptions.Web)!;
        // Sent flat, as devices do: the type's part inlined next to id, type and occurredAt.
        foreach (var e in body["events"]!.AsArray().Select(n => n!.AsObject()))
        {
            foreach (var part in new[] { "workout", "meal", "hydration", "weight", "skinCheck" })
            {
                if (e[part] is JsonObject fields)
                {
                    e.Remove(part);
                    foreach (var (name, value) in fields.ToList())
                    {
                        fields.Remove(name);
                        e[name] = value;
                    }
                }
                else
                {
                    e.Remove(part);
                }
            }
        }

        Assert.Equal(HttpStatusCode.Accepted, (await device.PostAsJsonAsync("/v1/events", body)).StatusCode);
        await me.DayWithEventsAsync("2026-03-02", sent.Length);

        var export = JsonDocument.Parse(await me.GetStringAsync("/v1/me/export")).RootElement;
        var data = export.GetProperty("events").EnumerateArray().ToDictionary(e => e.GetProperty("id").GetString()!, e => JsonNode.Parse(e.GetProperty("data").GetRawText()));
        Assert.All(sent, e => Assert.True(JsonNode.DeepEquals(JsonSerializer.SerializeToNode(e, JsonSerializerOptions.Web), data[e.Id]),
            $"{e.Id} was exported as {data[e.Id]}"));
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
