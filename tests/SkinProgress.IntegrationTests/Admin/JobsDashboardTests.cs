using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.RegularExpressions;
using Hangfire;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace SkinProgress.IntegrationTests.Admin;

[Collection(RealServices.Name)]
public sealed partial class JobsDashboardTests(SkinProgressFixture fixture)
{
    [Fact]
    public async Task Anonymous_IsSentToTheLoginPage()
    {
        using var browser = Browser();
        using var response = await browser.GetAsync("/admin/jobs");
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.StartsWith("/admin/login", response.Headers.Location?.OriginalString, StringComparison.Ordinal);
    }

    [Fact]
    public async Task UserOrDeviceKey_Gets403()
    {
        var user = await fixture.CreateUserAsync();
        foreach (var key in new[] { user.UserKey, user.DeviceKey })
        {
            using var client = fixture.Client(key);
            Assert.Equal(HttpStatusCode.Forbidden, (await client.GetAsync("/admin/jobs")).StatusCode);
        }
    }

    [Fact]
    public async Task AdminKey_SeesTheDashboard_WithoutTheConnectionString()
    {
        using var admin = fixture.Admin();
        using var response = await admin.GetAsync("/admin/jobs");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var html = await response.Content.ReadAsStringAsync();
        Assert.Contains("SkinProgress jobs", html, StringComparison.Ordinal);
        Assert.DoesNotContain("Password=", html, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("Host=", html, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task LoginWithAdminKey_SetsASecureHttpOnlyCookie_ThatOpensTheDashboard()
    {
        using var browser = Browser();
        var (token, cookie) = await LoginFormAsync(browser);
        using var login = await browser.SendAsync(LoginPost(fixture.AdminKey, token, cookie));
        Assert.Equal(HttpStatusCode.Redirect, login.StatusCode);
        var session = login.Headers.GetValues("Set-Cookie").Single(c => c.StartsWith("skinprogress_admin=", StringComparison.Ordinal));
        Assert.Contains("secure", session, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("httponly", session, StringComparison.OrdinalIgnoreCase);

        using var dashboard = new HttpRequestMessage(HttpMethod.Get, "/admin/jobs");
        dashboard.Headers.Add("Cookie", session.Split(';')[0]);
        using var response = await browser.SendAsync(dashboard);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Fact]
    public async Task LoginWithUserKey_Gets403AndNoCookie()
    {
        var user = await fixture.CreateUserAsync();
        using var browser = Browser();
        var (token, cookie) = await LoginFormAsync(browser);
        using var login = await browser.SendAsync(LoginPost(user.UserKey, token, cookie));
        Assert.Equal(HttpStatusCode.Forbidden, login.StatusCode);
        Assert.False(login.Headers.TryGetValues("Set-Cookie", out var cookies) && cookies.Any(c => c.StartsWith("skinprogress_admin=", StringComparison.Ordinal)));
    }

    [Theory]
    [InlineData("/admin/jobs\r\nSet-Cookie: evil=1")]
    [InlineData("/admin/jobs\n")]
    [InlineData("/admin/jobs/\u001b[0m")]
    [InlineData("/admin/jobs/retries?x=\u00e9")]
    public async Task LoginWithAReturnUrlNoHeaderCanCarry_IsSentToTheDashboard(string returnUrl)
    {
        using var browser = Browser();
        var (token, cookie) = await LoginFormAsync(browser);
        using var login = await browser.SendAsync(LoginPost(fixture.AdminKey, token, cookie, returnUrl));
        Assert.Equal(HttpStatusCode.Redirect, login.StatusCode);
        Assert.Equal("/admin/jobs", login.Headers.Location?.OriginalString);
    }

    /// <summary>Every command Hangfire 1.8's dashboard posts to, and the stats its pages poll.</summary>
    public static TheoryData<string> PostOnlyUrls =>
    [
        "/admin/jobs/jobs/enqueued/delete", "/admin/jobs/jobs/enqueued/requeue",
        "/admin/jobs/jobs/processing/delete", "/admin/jobs/jobs/processing/requeue",
        "/admin/jobs/jobs/scheduled/enqueue", "/admin/jobs/jobs/scheduled/delete",
        "/admin/jobs/jobs/succeeded/requeue",
        "/admin/jobs/jobs/failed/requeue", "/admin/jobs/jobs/failed/delete",
        "/admin/jobs/jobs/deleted/requeue",
        "/admin/jobs/jobs/awaiting/enqueue", "/admin/jobs/jobs/awaiting/delete",
        "/admin/jobs/jobs/actions/requeue/1", "/admin/jobs/jobs/actions/delete/1",
        "/admin/jobs/recurring/remove", "/admin/jobs/recurring/trigger",
        "/admin/jobs/stats",
    ];

    [Theory]
    [MemberData(nameof(PostOnlyUrls))]
    public async Task DashboardCommandUrls_Answer405ToAnythingButPost_WithOrWithoutABody(string url)
    {
        using var admin = fixture.Admin();
        foreach (var method in new[] { HttpMethod.Get, HttpMethod.Head, HttpMethod.Put, HttpMethod.Delete, HttpMethod.Patch })
        {
            foreach (var withBody in new[] { false, true })
            {
                using var request = new HttpRequestMessage(method, url);
                if (withBody)
                {
                    request.Content = new FormUrlEncodedContent([new("jobs[]", "1"), new("metrics[]", "enqueued:count")]);
                }

                using var response = await admin.SendAsync(request);
                Assert.True(response.StatusCode == HttpStatusCode.MethodNotAllowed, $"{method} {url} (body: {withBody}): {(int)response.StatusCode}");
                Assert.Equal(["POST"], response.Content.Headers.Allow);
                if (method != HttpMethod.Head)
                {
                    var problem = await response.Content.ReadFromJsonAsync<JsonElement>();
                    Assert.Equal("urn:skinprogress:problem:method-not-allowed", problem.GetProperty("type").GetString());
                }
            }
        }
    }

    [Fact]
    public async Task CommandSentAsGetWithAFormBody_ChangesNothing()
    {
        var jobId = fixture.Api.Services.GetRequiredService<IBackgroundJobClient>().Schedule(() => Console.WriteLine("never"), TimeSpan.FromDays(365));
        using var admin = fixture.Admin();
        using var request = new HttpRequestMessage(HttpMethod.Get, "/admin/jobs/jobs/scheduled/delete")
        {
            Content = new FormUrlEncodedContent([new("jobs[]", jobId)]),
        };

        using var response = await admin.SendAsync(request);

        Assert.Equal(HttpStatusCode.MethodNotAllowed, response.StatusCode);
        using var storage = fixture.Api.Services.GetRequiredService<JobStorage>().GetConnection();
        Assert.Equal("Scheduled", storage.GetStateData(jobId).Name);
    }

    [Fact]
    public async Task CommandPostedWithoutTheAntiforgeryToken_IsRefused()
    {
        var jobId = fixture.Api.Services.GetRequiredService<IBackgroundJobClient>().Schedule(() => Console.WriteLine("never"), TimeSpan.FromDays(365));
        using var admin = fixture.Admin();

        using var response = await admin.PostAsync("/admin/jobs/jobs/scheduled/delete", new FormUrlEncodedContent([new("jobs[]", jobId)]));

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        using var storage = fixture.Api.Services.GetRequiredService<JobStorage>().GetConnection();
        Assert.Equal("Scheduled", storage.GetStateData(jobId).Name);
    }

    [Theory]
    [InlineData("/admin/jobs/jobs/scheduled")]
    [InlineData("/admin/jobs/jobs/enqueued/default")]
    [InlineData("/admin/jobs/recurring")]
    [InlineData("/admin/jobs/retries")]
    public async Task DashboardPages_StillAnswerGetAndHead(string url)
    {
        using var admin = fixture.Admin();
        Assert.Equal(HttpStatusCode.OK, (await admin.GetAsync(url)).StatusCode);
        using var head = await admin.SendAsync(new HttpRequestMessage(HttpMethod.Head, url));
        Assert.Equal(HttpStatusCode.OK, head.StatusCode);
    }

    private HttpClient Browser() =>
        fixture.Api.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = false, BaseAddress = new Uri("https://localhost") });

    private static async Task<(string Token, string Cookie)> LoginFormAsync(HttpClient browser)
    {
        using var page = await browser.GetAsync("/admin/login");
        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        var token = AntiforgeryField().Match(await page.Content.ReadAsStringAsync()).Groups[1].Value;
        var cookie = page.Headers.GetValues("Set-Cookie").First(c => c.StartsWith(".AspNetCore.Antiforgery", StringComparison.Ordinal)).Split(';')[0];
        return (token, cookie);
    }

    private static HttpRequestMessage LoginPost(string key, string token, string antiforgeryCookie, string returnUrl = "/admin/jobs")
    {
        var request = new HttpRequestMessage(HttpMethod.Post, "/admin/login")
        {
            Content = new FormUrlEncodedContent([new("key", key), new("returnUrl", returnUrl), new("__RequestVerificationToken", token)]),
        };
        request.Headers.Add("Cookie", antiforgeryCookie);
        return request;
    }

    [GeneratedRegex("name=\"__RequestVerificationToken\" value=\"([^\"]+)\"")]
    private static partial Regex AntiforgeryField();
}
