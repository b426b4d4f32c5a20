using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using Hangfire;
using Hangfire.Common;
using Hangfire.Storage;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using MimeKit;
using SkinProgress.ServiceDefaults.Jobs;

namespace SkinProgress.IntegrationTests.Summaries;

/// <summary>A user with four weeks of plausible data, and the steps of getting their weekly email.</summary>
public static class SummaryScenario
{
    /// <summary>A Monday in the past: a completed week whatever the day the tests run.</summary>
    public static readonly DateOnly Week = new(2026, 11, 9);

    public static async Task FeedFourWeeksAsync(this SkinProgressFixture fixture, TestUser user, DateOnly weekStart)
    {
        var events = new List<object>();
        for (var day = weekStart.AddDays(-21); day <= weekStart.AddDays(6); day = day.AddDays(1))
        {
            var date = day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
            events.Add(Pipeline.Meal($"meal-{date}", $"{date}T12:00:00Z", 70));
            events.Add(Pipeline.Water($"water-{date}", $"{date}T13:00:00Z", 1500));
            if (day.DayOfWeek is DayOfWeek.Tuesday or DayOfWeek.Saturday)
            {
                events.Add(Pipeline.Workout($"run-{date}", $"{date}T07:00:00Z", 35));
            }

            if (day.DayOfWeek == DayOfWeek.Thursday)
            {
                events.Add(Pipeline.Workout($"gym-{date}", $"{date}T18:00:00Z", 45, "strength_training"));
            }

            if (day.DayOfWeek == DayOfWeek.Monday)
            {
                events.Add(new { id = $"weight-{date}", type = "weight", occurredAt = $"{date}T06:30:00Z", weightKg = 104 - (day.DayNumber - weekStart.DayNumber + 21) / 7.0 * 0.8 });
            }
        }

        using var device = fixture.Client(user.DeviceKey);
        using var response = await device.PostEventsAsync([.. events]);
        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        using var me = fixture.Client(user.UserKey);
        await me.DayWithEventsAsync(weekStart.AddDays(6).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), 2);
    }

    public static async Task RunSummaryAsync(this SkinProgressFixture fixture, TestUser user, DateOnly weekStart)
    {
        using var admin = fixture.Admin();
        using var response = await admin.PostAsJsonAsync("/v1/admin/summaries/run", new { userId = user.Id, weekStart });
        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
    }

    public static async Task<IReadOnlyList<MimeMessage>> EmailsAsync(this SkinProgressFixture fixture, TestUser user, int atLeast = 1)
    {
        var mails = await SkinProgressFixture.EventuallyAsync(() => Task.FromResult(fixture.Smtp.To(user.Email)), m => m.Count >= atLeast);
        Assert.True(mails.Count >= atLeast, $"expected {atLeast} email(s) to {user.Email}, got {mails.Count}");
        return mails;
    }

    public static Task<bool> SummaryStoredAsync(this SkinProgressFixture fixture, TestUser user, DateOnly weekStart) =>
        fixture.WithDbAsync(db => db.WeeklySummaries.AnyAsync(s => s.UserId == user.Id && s.WeekStart == weekStart));

    /// <summary>Compiles the week for these users in one job through Hangfire, so their emails go out in one send job.</summary>
    public static void CompileAsOneChunk(this SkinProgressFixture fixture, DateOnly weekStart, params TestUser[] users)
    {
        var ids = users.Select(u => u.Id).ToArray();
        fixture.WorkerServices.GetRequiredService<IBackgroundJobClient>()
            .Enqueue<ICompileSummaries>(j => j.RunAsync(weekStart, ids, 1, 1, CancellationToken.None));
    }

    /// <summary>The Hangfire send job whose chunk holds this user, once there is one.</summary>
    public static async Task<SendJob> SendJobAsync(this SkinProgressFixture fixture, TestUser user)
    {
        var storage = fixture.WorkerServices.GetRequiredService<JobStorage>();
        var id = await SkinProgressFixture.EventuallyAsync(() => Task.FromResult(FindSendJob(storage.GetMonitoringApi(), user.Id)), i => i is not null);
        Assert.True(id is not null, $"no send job for {user.Email}");
        return new SendJob(storage, id);
    }

    private static string? FindSendJob(IMonitoringApi monitoring, Guid userId)
    {
        const int Page = 1000;
        IEnumerable<KeyValuePair<string, Job?>> jobs =
        [
            .. monitoring.EnqueuedJobs(SummaryJobs.SendQueue, 0, Page).Select(j => KeyValuePair.Create<string, Job?>(j.Key, j.Value.Job)),
            .. monitoring.ProcessingJobs(0, Page).Select(j => KeyValuePair.Create<string, Job?>(j.Key, j.Value.Job)),
            .. monitoring.ScheduledJobs(0, Page).Select(j => KeyValuePair.Create<string, Job?>(j.Key, j.Value.Job)),
            .. monitoring.SucceededJobs(0, Page).Select(j => KeyValuePair.Create<string, Job?>(j.Key, j.Value.Job)),
            .. monitoring.FailedJobs(0, Page).Select(j => KeyValuePair.Create<string, Job?>(j.Key, j.Value.Job)),
        ];
        return jobs.FirstOrDefault(j => j.Value?.Type == typeof(ISendSummaries) && j.Value.Args[1] is Guid[] ids && ids.Contains(userId)).Key;
    }

    public static async Task WaitForSummaryAsync(this SkinProgressFixture fixture, TestUser user, DateOnly weekStart)
    {
        var stored = await SkinProgressFixture.EventuallyAsync(() => fixture.SummaryStoredAsync(user, weekStart), s => s);
        Assert.True(stored, $"no summary for {weekStart} of {user.Email}");
    }
}
