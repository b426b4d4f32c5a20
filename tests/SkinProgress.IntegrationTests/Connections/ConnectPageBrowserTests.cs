using System.Globalization;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using SkinProgress.Data.Connections;
using SkinProgress.IntegrationTests.Security;

namespace SkinProgress.IntegrationTests.Connections;

/// <summary>
/// The connect page in a real Chromium, under the policy the server sends with it, connecting the real Strava, Withings
/// and Polar providers through their stand-ins' consent pages, with the Worker backfilling from the stand-ins.
/// </summary>
[Collection(RealServices.Name)]
public sealed class ConnectPageBrowserTests(SkinProgressFixture fixture)
{
    private static readonly string[] Providers = ["strava", "withings", "polar"];

    [Fact]
    public async Task ConnectPage_ConnectsStravaWithingsAndPolar_ThroughEachConsent_AndTheirBackfilledEventsReachTheDays()
    {
        await using var standIns = await ProviderStandIns.StartAsync();
        // The recorded bodies span 2016–2026: a ten-year backfill in yearly chunks reaches all of them.
        var api = standIns.With(fixture.Settings);
        api["Connections:BackfillDays"] = "3650";
        await using var worker = await fixture.WorkerWithAsync(new Dictionary<string, string?>(standIns.Settings) { ["Connections:BackfillChunkDays"] = "365" });
        await using var forget = new StandInConnections(fixture);
        var user = await fixture.CreateUserAsync();
        await using var session = await ChromiumSession.StartAsync(fixture, settings: api);
        var page = session.Page;
        using var me = new HttpClient { BaseAddress = new Uri(session.Address) };
        me.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", user.UserKey);
        var link = (await (await me.PostAsync("/v1/me/connections/link", null)).Content.ReadFromJsonAsync<JsonElement>()).GetProperty("url").GetString()!;

        var response = await page.GotoAsync(session.Url(new Uri(link).PathAndQuery));
        Assert.Equal(session.Url("/v1/connections"), page.Url);
        Assert.Contains("default-src 'none'", await response!.HeaderValueAsync("content-security-policy"), StringComparison.Ordinal);
        Assert.Equal("rgb(255, 255, 255)", await page.EvalOnSelectorAsync<string>("main", "e => getComputedStyle(e).backgroundColor"));

        foreach (var provider in Providers)
        {
            Assert.Equal("Not connected", await page.InnerTextAsync($"li[data-provider={provider}] .state"));
            await page.ClickAsync($"li[data-provider={provider}] button[type=submit]");
            // The stand-in's own consent page, a form the person submits.
            await page.WaitForSelectorAsync("#consent");
            Assert.StartsWith(StandInOf(standIns, provider).BaseUrl.AbsoluteUri, page.Url, StringComparison.Ordinal);
            await page.ClickAsync("#consent");
            // Back through the callback to the page, which shows the provider connected (backfilling, or done already):
            // waited for by what it shows, since the redirects may finish before or after the click returns.
            await page.WaitForSelectorAsync(
                $"li[data-provider={provider}][data-state={ConnectionStates.Backfilling}], li[data-provider={provider}][data-state={ConnectionStates.Connected}]");
            Assert.Equal(session.Url("/v1/connections"), page.Url);
            Assert.Equal("Disconnect", await page.InnerTextAsync($"li[data-provider={provider}] button"));
        }

        // The page shows each connected once its backfill is done.
        var connected = await SkinProgressFixture.EventuallyAsync(async () =>
        {
            await page.ReloadAsync();
            return await page.EvalOnSelectorAllAsync<string[]>("li[data-state=connected]", "items => items.map(i => i.dataset.provider)");
        }, p => p.Length == Providers.Length, TimeSpan.FromSeconds(120));
        Assert.Equal(Providers.Order(StringComparer.Ordinal), connected.Order(StringComparer.Ordinal));
        foreach (var provider in Providers)
        {
            Assert.StartsWith("Connected since", await page.InnerTextAsync($"li[data-provider={provider}] .state"), StringComparison.Ordinal);
        }

        // Every event the backfills stored, from each provider, is counted in its day.
        var stored = await fixture.WithDbAsync(db => db.RawEvents.AsNoTracking().Where(e => e.UserId == user.Id)
            .Select(e => new { e.Source, e.LocalDate }).ToListAsync());
        Assert.All(Providers, p => Assert.Contains(stored, e => e.Source == p));
        foreach (var day in stored.GroupBy(e => e.LocalDate))
        {
            var date = day.Key.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
            var scored = await me.DayWithEventsAsync(date, day.Count());
            Assert.Equal(day.Count(), scored!.Value.GetProperty("eventCount").GetInt32());
        }

        Assert.True(session.Violations.Count == 0, "CSP violations:\n" + string.Join('\n', session.Violations));
        Assert.True(session.ScriptErrors.Count == 0, "script errors:\n" + string.Join('\n', session.ScriptErrors));
        // The only other origins the browser went to are the providers' consent pages.
        Assert.All(session.OffOriginRequests, url => Assert.Contains(Providers, p => url.StartsWith(StandInOf(standIns, p).BaseUrl.AbsoluteUri, StringComparison.Ordinal)));
    }

    private static StandIns.StandInHost StandInOf(ProviderStandIns standIns, string provider) => provider switch
    {
        "strava" => standIns.Strava,
        "withings" => standIns.Withings,
        _ => standIns.Polar,
    };
}
