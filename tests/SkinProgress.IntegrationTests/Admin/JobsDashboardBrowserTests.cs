using SkinProgress.IntegrationTests.Security;

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
}
