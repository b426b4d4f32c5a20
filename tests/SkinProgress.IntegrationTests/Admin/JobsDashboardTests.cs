using System.Net;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Mvc.Testing;

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

    private static HttpRequestMessage LoginPost(string key, string token, string antiforgeryCookie)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, "/admin/login")
        {
            Content = new FormUrlEncodedContent([new("key", key), new("returnUrl", "/admin/jobs"), new("__RequestVerificationToken", token)]),
        };
        request.Headers.Add("Cookie", antiforgeryCookie);
        return request;
    }

    [GeneratedRegex("name=\"__RequestVerificationToken\" value=\"([^\"]+)\"")]
    private static partial Regex AntiforgeryField();
}
