using System.Net;
using System.Net.Http.Headers;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.EntityFrameworkCore;

namespace SkinProgress.IntegrationTests.Security;

[Collection(RealServices.Name)]
public sealed partial class SecurityHeadersTests(SkinProgressFixture fixture)
{
    [Fact]
    public async Task HtmlPages_HaveAPolicy_AreNeverFramed_AndSendNoReferrer_OnEveryVisit()
    {
        var user = await fixture.CreateUserAsync();
        var token = await fixture.WithDbAsync(db => db.Users.Where(u => u.Id == user.Id).Select(u => u.UnsubscribeToken).SingleAsync());
        using var browser = Browser();
        using var firstLogin = await browser.GetAsync("/admin/login");
        var antiforgeryCookie = firstLogin.Headers.GetValues("Set-Cookie").First(c => c.StartsWith(".AspNetCore.Antiforgery", StringComparison.Ordinal)).Split(';')[0];
        // Antiforgery forbids framing itself, but only when it sets its cookie: a second visit used to be frameable.
        using var secondLogin = new HttpRequestMessage(HttpMethod.Get, "/admin/login");
        secondLogin.Headers.Add("Cookie", antiforgeryCookie);
        using var dashboard = new HttpRequestMessage(HttpMethod.Get, "/admin/jobs");
        dashboard.Headers.Authorization = new AuthenticationHeaderValue("Bearer", fixture.AdminKey);

        HttpResponseMessage[] pages =
        [
            firstLogin,
            await browser.SendAsync(secondLogin),
            await browser.SendAsync(dashboard),
            await browser.GetAsync($"/v1/unsubscribe/{token}"),
            await browser.GetAsync("/scalar/v1"),
        ];
        foreach (var page in pages)
        {
            var url = page.RequestMessage!.RequestUri;
            Assert.True(page.StatusCode == HttpStatusCode.OK, $"{url}: {page.StatusCode}");
            Assert.Equal("text/html", page.Content.Headers.ContentType?.MediaType);
            Assert.Contains("frame-ancestors 'none'", Single(page, "Content-Security-Policy"), StringComparison.Ordinal);
            Assert.Equal("DENY", Single(page, "X-Frame-Options"));
            Assert.Equal("nosniff", Single(page, "X-Content-Type-Options"));
            Assert.Equal("no-referrer", Single(page, "Referrer-Policy"));
            page.Dispose();
        }
    }

    [Fact]
    public async Task PagesWithInlineStyles_NameAFreshNonceInTheirPolicy_AndOnTheirStyles()
    {
        using var browser = Browser();
        var nonces = new List<string>();
        for (var visit = 0; visit < 2; visit++)
        {
            using var page = await browser.GetAsync("/admin/login");
            var policy = Single(page, "Content-Security-Policy");
            var nonce = Assert.Single(PolicyNonces().Matches(policy).Select(m => m.Groups[1].Value).Distinct());
            Assert.Contains($"<style nonce=\"{nonce}\">", await page.Content.ReadAsStringAsync(), StringComparison.Ordinal);
            nonces.Add(nonce);
        }

        Assert.NotEqual(nonces[0], nonces[1]);
        using var admin = fixture.Admin();
        using var dashboard = await admin.GetAsync("/admin/jobs");
        Assert.DoesNotContain("nonce-", Single(dashboard, "Content-Security-Policy"), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("/openapi/v1.json", HttpStatusCode.OK)]
    [InlineData("/health/live", HttpStatusCode.OK)]
    [InlineData("/v1/me", HttpStatusCode.Unauthorized)]
    [InlineData("/v1/nothing-here", HttpStatusCode.NotFound)]
    public async Task OtherResponses_AreNosniff_AndCarryNoPagePolicy(string path, HttpStatusCode status)
    {
        using var client = fixture.Client();
        using var response = await client.GetAsync(path);
        Assert.Equal(status, response.StatusCode);
        Assert.Equal("nosniff", Single(response, "X-Content-Type-Options"));
        Assert.False(response.Headers.Contains("Content-Security-Policy"));
    }

    private HttpClient Browser() =>
        fixture.Api.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = false, BaseAddress = new Uri("https://localhost") });

    private static string Single(HttpResponseMessage response, string header) =>
        Assert.Single(response.Headers.TryGetValues(header, out var values) ? values : []);

    [GeneratedRegex("'nonce-([^']+)'")]
    private static partial Regex PolicyNonces();
}
