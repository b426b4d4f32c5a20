using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using SkinProgress.IntegrationTests.Security;

namespace SkinProgress.IntegrationTests.Connections;

/// <summary>The connect page in a real Chromium, under the policy the server sends with it.</summary>
[Collection(RealServices.Name)]
public sealed class ConnectPageBrowserTests(SkinProgressFixture fixture)
{
    [Fact]
    public async Task ConnectPage_ListsTheConfiguredProvider_AndConnectsItThroughTheProvidersConsent_UnderItsPolicy()
    {
        await using var oauth = await LoopbackOAuthServer.StartAsync();
        var user = await fixture.CreateUserAsync();
        await using var session = await ChromiumSession.StartAsync(fixture, services: ConnectionHosts.Register(new LoopbackConnectionProvider(oauth.Address)));
        var page = session.Page;
        using var me = new HttpClient { BaseAddress = new Uri(session.Address) };
        me.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", user.UserKey);
        var link = (await (await me.PostAsync("/v1/me/connections/link", null)).Content.ReadFromJsonAsync<JsonElement>()).GetProperty("url").GetString()!;

        var response = await page.GotoAsync(session.Url(new Uri(link).PathAndQuery));
        Assert.Equal(session.Url("/v1/connections"), page.Url);
        Assert.Contains("default-src 'none'", await response!.HeaderValueAsync("content-security-policy"), StringComparison.Ordinal);
        Assert.Equal("rgb(255, 255, 255)", await page.EvalOnSelectorAsync<string>("main", "e => getComputedStyle(e).backgroundColor"));
        Assert.Equal("Not connected", await page.InnerTextAsync("li[data-provider=loopback] .state"));

        oauth.NextOwner = $"owner-{Guid.NewGuid():N}";
        await page.ClickAsync("li[data-provider=loopback] button[type=submit]");
        await page.WaitForSelectorAsync("li[data-provider=loopback][data-state=backfilling]");

        Assert.Equal(session.Url("/v1/connections"), page.Url);
        Assert.Contains("backfilling 0 of 90 days", await page.InnerTextAsync("li[data-provider=loopback] .state"), StringComparison.Ordinal);
        Assert.Equal("Disconnect", await page.InnerTextAsync("li[data-provider=loopback] button"));
        Assert.True(session.Violations.Count == 0, "CSP violations:\n" + string.Join('\n', session.Violations));
        Assert.True(session.ScriptErrors.Count == 0, "script errors:\n" + string.Join('\n', session.ScriptErrors));
        // The only other origin the browser went to is the provider's consent.
        Assert.All(session.OffOriginRequests, url => Assert.StartsWith($"{oauth.Address}/authorize?", url, StringComparison.Ordinal));
    }
}
