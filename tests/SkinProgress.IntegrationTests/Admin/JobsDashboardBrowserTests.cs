using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;

namespace SkinProgress.IntegrationTests.Admin;

/// <summary>
/// A real Chromium (Debian's, installed by ./test.sh) against the Api on real Kestrel: the sign-in an admin
/// does in a browser, cookie included.
/// </summary>
[Collection(RealServices.Name)]
public sealed class JobsDashboardBrowserTests(SkinProgressFixture fixture)
{
    private const string Chromium = "/usr/bin/chromium";

    [Fact]
    public async Task Browser_IsSentToSignIn_AndWithTheAdminKeySeesTheJobsDashboard()
    {
        await using var api = new ApiFactory(fixture.Settings);
        api.UseKestrel(0);
        api.StartServer();
        var address = api.Services.GetRequiredService<IServer>().Features.GetRequiredFeature<IServerAddressesFeature>().Addresses.First()
            .Replace("localhost", "127.0.0.1", StringComparison.Ordinal);

        using var playwright = await Playwright.CreateAsync();
        await using var browser = await playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = Chromium,
            Headless = true,
            Args = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--no-first-run", "--disable-sync"],
        });
        var page = await browser.NewPageAsync();

        await page.GotoAsync($"{address}/admin/jobs");
        Assert.Contains("/admin/login", page.Url, StringComparison.Ordinal);

        await page.FillAsync("#key", "spu_not-an-admin-key-not-an-admin-key-000");
        await page.ClickAsync("button[type=submit]");
        Assert.Contains("unknown or revoked", await page.InnerTextAsync("[role=alert]"), StringComparison.Ordinal);

        await page.FillAsync("#key", fixture.AdminKey);
        await page.ClickAsync("button[type=submit]");
        await page.WaitForURLAsync($"{address}/admin/jobs**");
        Assert.Contains("SkinProgress jobs", await page.TitleAsync(), StringComparison.Ordinal);

        var cookie = Assert.Single(await page.Context.CookiesAsync(), c => c.Name == "skinprogress_admin");
        Assert.True(cookie.HttpOnly);
        Assert.True(cookie.Secure);
    }
}
