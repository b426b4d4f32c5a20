using Hangfire;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using SkinProgress.IntegrationTests.Summaries;

namespace SkinProgress.IntegrationTests.Security;

/// <summary>
/// Each HTML page in a real Chromium, under the policy the server sends with it: the page does its job and the
/// browser reports nothing blocked.
/// </summary>
[Collection(RealServices.Name)]
public sealed class ContentSecurityPolicyBrowserTests(SkinProgressFixture fixture)
{
    [Fact]
    public async Task LoginPage_IsStyledAndSignsIn_UnderItsPolicy()
    {
        await using var session = await ChromiumSession.StartAsync(fixture);
        var page = session.Page;

        var response = await page.GotoAsync(session.Url("/admin/login"));
        AssertPolicy(await response!.HeaderValueAsync("content-security-policy"));
        // The page's <style> applied: it carries the response's nonce.
        Assert.Equal("rgb(255, 255, 255)", await page.EvalOnSelectorAsync<string>("main", "e => getComputedStyle(e).backgroundColor"));

        await page.FillAsync("#key", fixture.AdminKey);
        await page.ClickAsync("button[type=submit]");
        await page.WaitForURLAsync($"{session.Address}/admin/jobs**");

        session.AssertNothingBlocked();
    }

    [Fact]
    public async Task JobsDashboard_PollsAndRunsItsCommands_UnderItsPolicy()
    {
        await using var session = await ChromiumSession.StartAsync(fixture);
        var page = session.Page;
        var jobId = session.Services.GetRequiredService<IBackgroundJobClient>().Schedule(() => Console.WriteLine("never"), TimeSpan.FromDays(365));
        await SignInAsync(session);

        // The dashboard's scripts run and poll its stats (a POST with the antiforgery header) from the page itself.
        var stats = await page.RunAndWaitForResponseAsync(
            async () => AssertPolicy(await (await page.GotoAsync(session.Url("/admin/jobs")))!.HeaderValueAsync("content-security-policy")),
            r => r.Url.EndsWith("/admin/jobs/stats", StringComparison.Ordinal));
        Assert.Equal(200, stats.Status);

        await page.GotoAsync(session.Url("/admin/jobs/jobs/scheduled"));
        await page.CheckAsync($"input.js-jobs-list-checkbox[value='{jobId}']");
        page.Dialog += (_, dialog) => dialog.AcceptAsync();
        // The dashboard reloads the list once the command succeeds; navigating on before that reload has replaced the
        // document would have the reload abort the next page. A mark on the old document tells the two apart.
        await page.EvaluateAsync("() => window.listBeforeCommand = true");
        var delete = await page.RunAndWaitForResponseAsync(
            () => page.ClickAsync("button.js-jobs-list-command[data-url$='/jobs/scheduled/delete']"),
            r => r.Url.EndsWith("/admin/jobs/jobs/scheduled/delete", StringComparison.Ordinal));
        Assert.Equal(204, delete.Status);
        await page.WaitForFunctionAsync("() => window.listBeforeCommand === undefined && document.readyState === 'complete'");
        using (var storage = session.Services.GetRequiredService<JobStorage>().GetConnection())
        {
            Assert.Equal("Deleted", storage.GetStateData(jobId).Name);
        }

        // A job's page colours its states with style attributes.
        await page.GotoAsync(session.Url($"/admin/jobs/jobs/details/{jobId}"));
        await page.WaitForSelectorAsync("text=Deleted");

        session.AssertNothingBlocked();
    }

    [Fact]
    public async Task UnsubscribePage_IsStyledAndItsButtonPosts_UnderItsPolicy()
    {
        var user = await fixture.CreateUserAsync();
        var token = await fixture.WithDbAsync(db => db.Users.Where(u => u.Id == user.Id).Select(u => u.UnsubscribeToken).SingleAsync());
        await using var session = await ChromiumSession.StartAsync(fixture);
        var page = session.Page;

        var response = await page.GotoAsync(session.Url($"/v1/unsubscribe/{token}"));
        AssertPolicy(await response!.HeaderValueAsync("content-security-policy"));
        Assert.Equal("rgb(255, 255, 255)", await page.EvalOnSelectorAsync<string>("main", "e => getComputedStyle(e).backgroundColor"));
        await page.ClickAsync("button[type=submit]");
        await page.WaitForSelectorAsync("text=You are unsubscribed");

        Assert.NotNull(await fixture.WithDbAsync(db => db.Users.Where(u => u.Id == user.Id).Select(u => u.UnsubscribedAt).SingleAsync()));
        session.AssertNothingBlocked();
    }

    [Fact]
    public async Task SummaryHtml_ShowsItsChartAndStyles_UnderItsPolicy()
    {
        var user = await fixture.CreateUserAsync();
        await fixture.FeedFourWeeksAsync(user, SummaryScenario.Week);
        await fixture.RunSummaryAsync(user, SummaryScenario.Week);
        await fixture.WaitForSummaryAsync(user, SummaryScenario.Week);
        await using var session = await ChromiumSession.StartAsync(fixture, bearer: user.UserKey);
        var page = session.Page;

        var response = await page.GotoAsync(session.Url("/v1/me/summaries/2026-11-09"));
        AssertPolicy(await response!.HeaderValueAsync("content-security-policy"));
        // The email's styles are attributes; its chart is a data: URI.
        Assert.Equal("rgb(241, 245, 249)", await page.EvalOnSelectorAsync<string>("body", "e => getComputedStyle(e).backgroundColor"));
        Assert.True(await page.EvalOnSelectorAsync<int>("img[src^='data:image/png']", "e => e.naturalWidth") > 0, "the chart did not load");

        session.AssertNothingBlocked();
    }

    [Fact]
    public async Task ApiReference_RendersTheContract_FromThisServerAlone_UnderItsPolicy()
    {
        await using var session = await ChromiumSession.StartAsync(fixture);
        var page = session.Page;

        var response = await page.GotoAsync(session.Url("/scalar/v1"));
        AssertPolicy(await response!.HeaderValueAsync("content-security-policy"));
        // Rendered from /openapi/v1.json by Scalar's scripts.
        await page.WaitForSelectorAsync("text=Send a batch of 1-1000 events from a device.");

        session.AssertNothingBlocked();
    }

    private async Task SignInAsync(ChromiumSession session)
    {
        await session.Page.GotoAsync(session.Url("/admin/login"));
        await session.Page.FillAsync("#key", fixture.AdminKey);
        await session.Page.ClickAsync("button[type=submit]");
        await session.Page.WaitForURLAsync($"{session.Address}/admin/jobs**");
    }

    /// <summary>A policy was sent, and whatever a page needed, its scripts are this server's or nonced, never inline or eval.</summary>
    private static void AssertPolicy(string? policy)
    {
        Assert.NotNull(policy);
        Assert.Contains("default-src 'none'", policy, StringComparison.Ordinal);
        Assert.Contains("frame-ancestors 'none'", policy, StringComparison.Ordinal);
        var scripts = policy.Split(';').Select(d => d.Trim()).Single(d => d.StartsWith("script-src ", StringComparison.Ordinal));
        Assert.DoesNotContain("unsafe", scripts, StringComparison.Ordinal);
    }
}
