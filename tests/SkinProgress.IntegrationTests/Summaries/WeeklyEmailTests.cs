using System.Net;
using System.Net.Http.Json;
using System.Text.RegularExpressions;
using Microsoft.Extensions.DependencyInjection;
using MimeKit;
using SkinProgress.ServiceDefaults.Jobs;

namespace SkinProgress.IntegrationTests.Summaries;

/// <summary>The weekly email end to end: Api, broker, Hangfire on PostgreSQL, and a real SMTP server.</summary>
[Collection(RealServices.Name)]
public sealed class WeeklyEmailTests(SkinProgressFixture fixture)
{
    [Fact]
    public async Task WeeklyEmail_ArrivesWithBothParts_TheInlineChart_AndBothUnsubscribeHeaders()
    {
        var user = await fixture.CreateUserAsync();
        await fixture.FeedFourWeeksAsync(user, SummaryScenario.Week);
        await fixture.RunSummaryAsync(user, SummaryScenario.Week);

        var mail = Assert.Single(await fixture.EmailsAsync(user));

        var related = Assert.IsType<MultipartRelated>(mail.Body);
        var alternative = Assert.IsType<MultipartAlternative>(related.Root);
        var text = alternative.OfType<TextPart>().Single(p => p.IsPlain);
        var html = alternative.OfType<TextPart>().Single(p => p.IsHtml);
        var chart = related.OfType<MimePart>().Single(p => p.ContentType.MimeType == "image/png");
        Assert.False(string.IsNullOrEmpty(chart.ContentId));
        Assert.Contains($"cid:{chart.ContentId}", html.Text, StringComparison.Ordinal);
        Assert.Contains("not medical advice", text.Text, StringComparison.OrdinalIgnoreCase);

        var listUnsubscribe = mail.Headers["List-Unsubscribe"];
        Assert.Matches(@"^<https://app\.skinprogress\.test/v1/unsubscribe/[0-9a-f]{64}>, <mailto:unsubscribe@skinprogress\.test\?subject=unsubscribe-[0-9a-f]{64}>$", listUnsubscribe);
        Assert.Equal("List-Unsubscribe=One-Click", mail.Headers["List-Unsubscribe-Post"]);
    }

    [Fact]
    public async Task SendJob_RunAgainAndOnTwoServersAtOnce_SendsOneEmail()
    {
        var user = await fixture.CreateUserAsync();
        await fixture.FeedFourWeeksAsync(user, SummaryScenario.Week);
        await fixture.RunSummaryAsync(user, SummaryScenario.Week);
        await fixture.EmailsAsync(user);

        await RunSendJobAsync(user);
        await Task.WhenAll(RunSendJobAsync(user), RunSendJobAsync(user));
        await fixture.RunSummaryAsync(user, SummaryScenario.Week);
        // Let the on-demand run's jobs finish before counting.
        await Task.Delay(TimeSpan.FromSeconds(3));

        Assert.Single(fixture.Smtp.To(user.Email));
    }

    [Fact]
    public async Task SmtpDownThenUp_DeliversExactlyOneEmail()
    {
        var user = await fixture.CreateUserAsync();
        await fixture.FeedFourWeeksAsync(user, SummaryScenario.Week);

        await fixture.Smtp.StopAsync();
        try
        {
            await fixture.RunSummaryAsync(user, SummaryScenario.Week);
            await fixture.WaitForSummaryAsync(user, SummaryScenario.Week);
            // The send job runs, fails on the closed port and is scheduled for a retry.
            await Task.Delay(TimeSpan.FromSeconds(3));
            Assert.Empty(fixture.Smtp.To(user.Email));
        }
        finally
        {
            fixture.Smtp.Start();
        }

        await fixture.EmailsAsync(user);
        await Task.Delay(TimeSpan.FromSeconds(3));
        Assert.Single(fixture.Smtp.To(user.Email));
    }

    [Fact]
    public async Task OneClickUnsubscribe_StopsNextWeeksEmail()
    {
        var user = await fixture.CreateUserAsync();
        await fixture.FeedFourWeeksAsync(user, SummaryScenario.Week.AddDays(7));
        await fixture.RunSummaryAsync(user, SummaryScenario.Week);
        var first = Assert.Single(await fixture.EmailsAsync(user));

        var link = first.Headers["List-Unsubscribe"]!.Split(", ")[0].Trim('<', '>');
        using var anonymous = fixture.Client();
        var path = new Uri(link).AbsolutePath;
        using (var page = await anonymous.GetAsync(path))
        {
            Assert.Equal(HttpStatusCode.OK, page.StatusCode);
            Assert.Contains("<form method=\"post\"", await page.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        }

        // A GET (a link scanner) changed nothing: the one-click POST is what unsubscribes.
        using var oneClick = await anonymous.PostAsync(path, new FormUrlEncodedContent([new("List-Unsubscribe", "One-Click")]));
        Assert.Equal(HttpStatusCode.OK, oneClick.StatusCode);

        await fixture.RunSummaryAsync(user, SummaryScenario.Week.AddDays(7));
        await fixture.WaitForSummaryAsync(user, SummaryScenario.Week.AddDays(7));
        await Task.Delay(TimeSpan.FromSeconds(3));
        Assert.Single(fixture.Smtp.To(user.Email));
    }

    [Fact]
    public async Task UnknownUnsubscribeToken_Gets404()
    {
        using var anonymous = fixture.Client();
        using var response = await anonymous.PostAsync($"/v1/unsubscribe/{new string('a', 64)}", null);
        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }

    [Fact]
    public async Task UserWithoutDataForFourWeeks_GetsASummaryButNoEmail()
    {
        var user = await fixture.CreateUserAsync();
        await fixture.RunSummaryAsync(user, SummaryScenario.Week);
        await fixture.WaitForSummaryAsync(user, SummaryScenario.Week);
        await Task.Delay(TimeSpan.FromSeconds(3));
        Assert.Empty(fixture.Smtp.To(user.Email));
    }

    [Fact]
    public async Task SummaryEndpoints_ServeTheJsonAndTheEmailsHtml()
    {
        var user = await fixture.CreateUserAsync();
        await fixture.FeedFourWeeksAsync(user, SummaryScenario.Week);
        await fixture.RunSummaryAsync(user, SummaryScenario.Week);
        var mail = Assert.Single(await fixture.EmailsAsync(user));

        using var me = fixture.Client(user.UserKey);
        var list = await me.GetFromJsonAsync<System.Text.Json.JsonElement>("/v1/me/summaries");
        Assert.Equal("2026-11-09", list[0].GetProperty("weekStart").GetString());

        var json = await me.GetFromJsonAsync<System.Text.Json.JsonElement>("/v1/me/summaries/2026-11-09");
        Assert.True(json.GetProperty("hasData").GetBoolean());

        using var request = new HttpRequestMessage(HttpMethod.Get, "/v1/me/summaries/2026-11-09");
        request.Headers.Accept.ParseAdd("text/html");
        using var html = await me.SendAsync(request);
        Assert.Equal("text/html", html.Content.Headers.ContentType?.MediaType);
        var page = await html.Content.ReadAsStringAsync();
        Assert.Contains("data:image/png;base64,", page, StringComparison.Ordinal);
        Assert.Equal(mail.HtmlBody, Regex.Replace(page, "data:image/png;base64,[A-Za-z0-9+/=]+", "cid:weekly-chart@skinprogress"));
    }

    private async Task RunSendJobAsync(TestUser user)
    {
        await using var scope = fixture.WorkerServices.CreateAsyncScope();
        await scope.ServiceProvider.GetRequiredService<ISendSummaries>().RunAsync(SummaryScenario.Week, [user.Id], CancellationToken.None);
    }
}
