using Hangfire;
using Hangfire.States;
using Hangfire.Storage;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using SkinProgress.IntegrationTests.Security;
using SkinProgress.ServiceDefaults.Jobs;

namespace SkinProgress.IntegrationTests.Admin;

/// <summary>A real Chromium against the Api on real Kestrel: the sign-in an admin does in a browser, cookie included.</summary>
[Collection(RealServices.Name)]
public sealed class JobsDashboardBrowserTests(SkinProgressFixture fixture)
{
    [Fact]
    public async Task Browser_IsSentToSignIn_AndWithTheAdminKeySeesTheJobsDashboard()
    {
        await using var session = await ChromiumSession.StartAsync(fixture);
        var page = session.Page;

        await page.GotoAsync(session.Url("/admin/jobs"));
        Assert.Contains("/admin/login", page.Url, StringComparison.Ordinal);

        await page.FillAsync("#key", "spu_not-an-admin-key-not-an-admin-key-000");
        await page.ClickAsync("button[type=submit]");
        Assert.Contains("unknown or revoked", await page.InnerTextAsync("[role=alert]"), StringComparison.Ordinal);

        await page.FillAsync("#key", fixture.AdminKey);
        await page.ClickAsync("button[type=submit]");
        await page.WaitForURLAsync($"{session.Address}/admin/jobs**");
        Assert.Contains("SkinProgress jobs", await page.TitleAsync(), StringComparison.Ordinal);

        var cookie = Assert.Single(await page.Context.CookiesAsync(), c => c.Name == "skinprogress_admin");
        Assert.True(cookie.HttpOnly);
        Assert.True(cookie.Secure);
    }

    [Fact]
    public async Task EveryPage_NamesEachJobInWords_AndTriggerNowRequeueAndDeleteWork()
    {
        var services = fixture.WorkerServices;
        var jobs = services.GetRequiredService<IBackgroundJobClient>();
        var recurring = services.GetRequiredService<IRecurringJobManager>();
        // The Worker registers the dispatch itself where the schedule is on; here it never fires unless triggered.
        recurring.AddOrUpdate<IDispatchSummaries>(SummaryJobs.DispatchJobId, j => j.RunAsync(CancellationToken.None), Cron.Never());
        var week = new DateOnly(2026, 11, 23);
        var users = Enumerable.Range(0, 500).Select(_ => Guid.NewGuid()).ToArray();
        var scheduled = jobs.Schedule<ISendSummaries>(j => j.RunAsync(week, users, CancellationToken.None), TimeSpan.FromDays(365));
        // A queue no server serves keeps the job in the Enqueued list.
        var enqueued = jobs.Create<ICompileSummaries>(j => j.RunAsync(week, users, 3, 200, CancellationToken.None), new EnqueuedState("unserved"));
        var failed = jobs.Create<IDispatchSummaries>(j => j.RunAsync(CancellationToken.None), new FailedState(new InvalidOperationException("induced")));
        await fixture.CreateUserAsync(); // someone due, so the dispatch enqueues a compile job
        try
        {
            await using var session = await ChromiumSession.StartAsync(fixture);
            var page = session.Page;
            page.Dialog += (_, dialog) => dialog.AcceptAsync();
            await page.GotoAsync(session.Url("/admin/login"));
            await page.FillAsync("#key", fixture.AdminKey);
            await page.ClickAsync("button[type=submit]");
            await page.WaitForURLAsync($"{session.Address}/admin/jobs**");

            await AssertReadsAsync(page, session.Url("/admin/jobs/recurring"), "Dispatch due summaries");
            await AssertReadsAsync(page, session.Url("/admin/jobs/jobs/enqueued"), "unserved");
            await AssertReadsAsync(page, session.Url("/admin/jobs/jobs/enqueued/unserved"), "Compile weekly summaries · week of 2026-11-23 · 500 users (chunk 3 of 200)");
            await AssertReadsAsync(page, session.Url("/admin/jobs/jobs/scheduled"), "Send weekly summaries · week of 2026-11-23 · 500 emails");
            await AssertReadsAsync(page, session.Url("/admin/jobs/jobs/failed"), "Dispatch due summaries");
            await AssertReadsAsync(page, session.Url($"/admin/jobs/jobs/details/{enqueued}"), "Compile weekly summaries · week of 2026-11-23 · 500 users (chunk 3 of 200)");
            await AssertReadsAsync(page, session.Url($"/admin/jobs/jobs/details/{scheduled}"), "Send weekly summaries · week of 2026-11-23 · 500 emails");

            // Trigger now: the dispatch runs, and the compile jobs it enqueues read as well as it does.
            await page.GotoAsync(session.Url("/admin/jobs/recurring"));
            await page.CheckAsync($"input.js-jobs-list-checkbox[value='{SummaryJobs.DispatchJobId}']");
            await RunCommandAsync(page, "/recurring/trigger");
            var triggered = await SkinProgressFixture.EventuallyAsync(() => Task.FromResult(LastDispatch(services)), id => id is not null);
            Assert.Equal("Succeeded", await FinishedAsync(services, triggered!));
            var compiled = await SkinProgressFixture.EventuallyAsync(
                () => Task.FromResult(services.GetRequiredService<JobStorage>().GetMonitoringApi().SucceededJobs(0, 1000)
                    .Any(j => j.Value.Job?.Type == typeof(ICompileSummaries))),
                any => any);
            Assert.True(compiled, "the triggered dispatch's compile jobs ran");
            await AssertReadsAsync(page, session.Url("/admin/jobs/jobs/succeeded"), "Dispatch due summaries");
            Assert.Matches(@"Compile weekly summaries · week of \d{4}-\d{2}-\d{2} · \d+ users? \(chunk \d+ of \d+\)", await page.InnerTextAsync("body"));

            // Requeue: the failed dispatch runs again.
            await page.GotoAsync(session.Url("/admin/jobs/jobs/failed"));
            await page.CheckAsync($"input.js-jobs-list-checkbox[value='{failed}']");
            await RunCommandAsync(page, "/jobs/failed/requeue");
            Assert.Equal("Succeeded", await FinishedAsync(services, failed));

            // Delete: the enqueued compile job leaves its queue.
            await page.GotoAsync(session.Url("/admin/jobs/jobs/enqueued/unserved"));
            await page.CheckAsync($"input.js-jobs-list-checkbox[value='{enqueued}']");
            await RunCommandAsync(page, "/jobs/enqueued/delete");
            Assert.Equal("Deleted", StateOf(services, enqueued));

            session.AssertNothingBlocked();
        }
        finally
        {
            recurring.RemoveIfExists(SummaryJobs.DispatchJobId);
            jobs.Delete(scheduled);
            jobs.Delete(enqueued);
        }
    }

    /// <summary>The page shows the job's name in words, and never Hangfire's words for a job it cannot load.</summary>
    private static async Task AssertReadsAsync(IPage page, string url, string expected)
    {
        await page.GotoAsync(url);
        var text = await page.InnerTextAsync("body");
        Assert.Contains(expected, text, StringComparison.Ordinal);
        Assert.DoesNotContain("Can not find the target method", text, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("Could not resolve assembly", text, StringComparison.OrdinalIgnoreCase);
    }

    private static async Task RunCommandAsync(IPage page, string command)
    {
        var response = await page.RunAndWaitForResponseAsync(
            () => page.ClickAsync($"button.js-jobs-list-command[data-url$='{command}']"),
            r => r.Url.EndsWith(command, StringComparison.Ordinal));
        Assert.Equal(204, response.Status);
    }

    private static string? LastDispatch(IServiceProvider services)
    {
        using var connection = services.GetRequiredService<JobStorage>().GetConnection();
        return connection.GetRecurringJobs([SummaryJobs.DispatchJobId]).SingleOrDefault()?.LastJobId;
    }

    private static string? StateOf(IServiceProvider services, string jobId)
    {
        using var connection = services.GetRequiredService<JobStorage>().GetConnection();
        return connection.GetJobData(jobId)?.State;
    }

    private static Task<string?> FinishedAsync(IServiceProvider services, string jobId) =>
        SkinProgressFixture.EventuallyAsync(() => Task.FromResult(StateOf(services, jobId)), s => s is "Succeeded" or "Failed", TimeSpan.FromSeconds(90));
}
