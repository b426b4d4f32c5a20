using System.Net;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using MimeKit;
using SkinProgress.Data.Connections;
using SkinProgress.IntegrationTests.Connections;
using SkinProgress.IntegrationTests.Connections.Sync;

namespace SkinProgress.IntegrationTests.Summaries;

/// <summary>
/// A connection whose provider refused the grant, said in the next weekly email with a link that opens a fresh connect
/// page for the person: through the Worker's compile, the real SMTP server and an Api that offers the provider.
/// </summary>
[Collection(RealServices.Name)]
public sealed partial class ReconnectEmailTests : IDisposable
{
    private readonly SkinProgressFixture fixture;
    private readonly ApiFactory _api;

    public ReconnectEmailTests(SkinProgressFixture fixture)
    {
        this.fixture = fixture;
        // Strava offered (never called here): the page lists only configured providers.
        _api = new ApiFactory(new Dictionary<string, string?>(fixture.Settings)
        {
            ["Providers:Strava:ClientId"] = "reconnect-test",
            ["Providers:Strava:ClientSecret"] = "reconnect-test-secret",
            ["Providers:Strava:VerifyToken"] = "reconnect-test-verify",
        });
    }

    public void Dispose() => _api.Dispose();

    [Fact]
    public async Task ConnectionNeedingReauthorisation_IsSaidInTheNextWeeklyEmail_AndItsLinkOpensTheConnectPageForTheUser()
    {
        var user = await fixture.CreateUserAsync();
        await fixture.FeedFourWeeksAsync(user, SummaryScenario.Week);
        await StopConnectionAsync(user, "strava", new DateTimeOffset(2026, 11, 10, 9, 0, 0, TimeSpan.Zero));

        await fixture.RunSummaryAsync(user, SummaryScenario.Week);
        var mail = Assert.Single(await fixture.EmailsAsync(user));

        var (html, text) = Parts(mail);
        Assert.Contains("Strava stopped sharing data with SkinProgress on 10 Nov 2026 — reconnect:", Words(text), StringComparison.Ordinal);
        var link = WebUtility.HtmlDecode(ReconnectHref().Match(html).Groups[1].Value);
        Assert.StartsWith("https://app.skinprogress.test/v1/connections/reconnect/", link, StringComparison.Ordinal);
        Assert.Contains(link, text, StringComparison.Ordinal);

        // A mail scanner opens it first: that uses nothing up, and the person's click still opens their page.
        using (var scanner = new ConnectBrowser(_api))
        {
            using var scanned = await scanner.OpenAsync(link);
            Assert.Equal(HttpStatusCode.Redirect, scanned.StatusCode);
        }

        using var browser = new ConnectBrowser(_api);
        using var opened = await browser.OpenAsync(link);
        Assert.Equal(HttpStatusCode.Redirect, opened.StatusCode);
        Assert.Equal("/v1/connections", opened.Headers.Location?.OriginalString);
        using var page = await browser.GetAsync("/v1/connections");
        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        var content = await page.Content.ReadAsStringAsync();
        Assert.Contains("data-provider=\"strava\" data-state=\"reauthorization_required\"", content, StringComparison.Ordinal);
        Assert.Contains("Connect again", content, StringComparison.Ordinal);
    }

    [Fact]
    public async Task GrantRevokedAtStrava_IsSaidInTheNextWeeklyEmail_WhoseLinkConnectsStravaAgain()
    {
        await using var hosts = await SyncHosts.StartAsync(fixture, backfillDays: 30);
        var strava = hosts.StandIns.Strava;
        var user = await hosts.ConnectedAsync("strava");
        await fixture.FeedFourWeeksAsync(user, SummaryScenario.Week);
        strava.Tokens.Revoke(strava.OwnerId);
        var id = BackfillTests.RecentActivity(strava, 9_500_000_001, DateTimeOffset.UtcNow.AddDays(-1));
        Assert.Equal(HttpStatusCode.OK, await hosts.StravaEventAsync("create", id));
        var stopped = await hosts.UntilStateAsync(user, "strava", ConnectionStates.ReauthorizationRequired);
        Assert.Equal(ConnectionStates.ReauthorizationRequired, stopped.State);

        await fixture.RunSummaryAsync(user, SummaryScenario.Week);
        var (html, text) = Parts(Assert.Single(await fixture.EmailsAsync(user)));

        var day = SkinProgress.Days.LocalDay.Of(stopped.UpdatedAt, TimeZoneInfo.FindSystemTimeZoneById("Europe/London"));
        Assert.Contains($"Strava stopped sharing data with SkinProgress on {day.ToString("d MMM yyyy", System.Globalization.CultureInfo.InvariantCulture)} — reconnect:",
            Words(text), StringComparison.Ordinal);
        var link = WebUtility.HtmlDecode(ReconnectHref().Match(html).Groups[1].Value);
        using var browser = new ConnectBrowser(hosts.Api);
        using (var opened = await browser.OpenAsync(link))
        {
            Assert.Equal(HttpStatusCode.Redirect, opened.StatusCode);
        }

        using (var page = await browser.GetAsync("/v1/connections"))
        {
            Assert.Contains("data-provider=\"strava\" data-state=\"reauthorization_required\"", await page.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        }

        // "Connect again" runs the whole authorisation in the session the email's link started: a new grant is stored.
        using var done = await browser.ConnectAsync("strava");
        Assert.Equal("/v1/connections", done.Headers.Location?.OriginalString);
        var again = await hosts.ConnectionAsync(user, "strava");
        Assert.True(again.ConnectedAt > stopped.ConnectedAt, "the connection was not made again");
    }

    [Fact]
    public async Task ForgedAndExpiredReconnectTokens_AreRefusedWithTheSamePage_AndStartNoSession()
    {
        var user = await fixture.CreateUserAsync();
        await StopConnectionAsync(user, "strava", DateTimeOffset.UtcNow.AddDays(-1));
        var protection = _api.Services.GetRequiredService<IDataProtectionProvider>();
        var valid = new ReconnectTokens(protection, TimeProvider.System).Issue(user.Id);
        var expired = new ReconnectTokens(protection, new FakeTimeProvider(DateTimeOffset.UtcNow - ReconnectTokens.Lifetime - TimeSpan.FromMinutes(1))).Issue(user.Id);
        // Another purpose's payload over the same key ring, e.g. a provider's protected access token.
        var otherPurpose = protection.CreateProtector("SkinProgress.Connections.AccessToken").Protect(user.Id.ToString());
        var tampered = valid[..^4] + (valid[^4] == 'A' ? 'B' : 'A') + valid[^3..];

        var refusals = new List<string>();
        foreach (var token in new[] { expired, tampered, otherPurpose, "not-a-token", new string('A', 600) })
        {
            using var browser = new ConnectBrowser(_api);
            using var opened = await browser.OpenAsync($"https://app.skinprogress.test{ReconnectTokens.Path}/{token}");
            Assert.Equal(HttpStatusCode.Gone, opened.StatusCode);
            Assert.False(opened.Headers.TryGetValues("Set-Cookie", out var cookies) && cookies.Any(c => c.StartsWith("skinprogress_connect=", StringComparison.Ordinal)));
            refusals.Add(Message().Match(await opened.Content.ReadAsStringAsync()).Groups[1].Value);
        }

        Assert.Single(refusals.Distinct());
        Assert.Contains("not valid or is more than 14 days old", refusals[0], StringComparison.Ordinal);

        using var control = new ConnectBrowser(_api);
        using var accepted = await control.OpenAsync($"https://app.skinprogress.test{ReconnectTokens.Path}/{valid}");
        Assert.Equal(HttpStatusCode.Redirect, accepted.StatusCode);
    }

    [Fact]
    public async Task ReconnectLink_OnceNothingNeedsReauthorisation_StartsNoSession()
    {
        var user = await fixture.CreateUserAsync();
        await StopConnectionAsync(user, "strava", DateTimeOffset.UtcNow.AddDays(-1));
        var token = new ReconnectTokens(_api.Services.GetRequiredService<IDataProtectionProvider>(), TimeProvider.System).Issue(user.Id);
        await fixture.WithDbAsync(async db =>
        {
            var connection = db.Connections.Single(c => c.UserId == user.Id);
            connection.State = ConnectionStates.Connected;
            return await db.SaveChangesAsync();
        });

        using var browser = new ConnectBrowser(_api);
        using var opened = await browser.OpenAsync($"https://app.skinprogress.test{ReconnectTokens.Path}/{token}");

        Assert.Equal(HttpStatusCode.Gone, opened.StatusCode);
        Assert.Contains("no longer need reconnecting", await opened.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        using var page = await browser.GetAsync("/v1/connections");
        Assert.Equal(HttpStatusCode.Unauthorized, page.StatusCode);
    }

    /// <summary>A connection the provider stopped accepting at <paramref name="since"/>, as the Worker leaves it.</summary>
    private Task<int> StopConnectionAsync(TestUser user, string provider, DateTimeOffset since) =>
        fixture.WithDbAsync(async db =>
        {
            db.Connections.Add(new Connection
            {
                Id = Guid.CreateVersion7(),
                UserId = user.Id,
                Provider = provider,
                OwnerId = $"owner-{Guid.NewGuid():N}",
                DeviceId = user.DeviceId,
                State = ConnectionStates.ReauthorizationRequired,
                ConnectedAt = since.AddDays(-30),
                BackfillFrom = since.AddDays(-120),
                BackfillTo = since.AddDays(-30),
                UpdatedAt = since,
            });
            return await db.SaveChangesAsync();
        });

    private static (string Html, string Text) Parts(MimeMessage mail)
    {
        var alternative = Assert.IsType<MultipartAlternative>(Assert.IsType<MultipartRelated>(mail.Body).Root);
        return (alternative.OfType<TextPart>().Single(p => p.IsHtml).Text, alternative.OfType<TextPart>().Single(p => p.IsPlain).Text);
    }

    private static string Words(string text) => WhiteSpace().Replace(text, " ");

    [GeneratedRegex(@"\s+")]
    private static partial Regex WhiteSpace();

    [GeneratedRegex("data-section=\"reconnect\"[^<]*<p[^>]*>[^<]*<a href=\"([^\"]+)\"")]
    private static partial Regex ReconnectHref();

    [GeneratedRegex("<p id=\"message\">([^<]*)</p>")]
    private static partial Regex Message();
}
