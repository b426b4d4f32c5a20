using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;

namespace SkinProgress.IntegrationTests.Security;

/// <summary>
/// Debian's Chromium (installed by ./test.sh, no browser download) on an Api served by real Kestrel, recording
/// across navigations what a page's Content-Security-Policy blocked (its securitypolicyviolation events and the
/// console's reports), every script error, and every request that left the server's origin.
/// </summary>
public sealed class ChromiumSession : IAsyncDisposable
{
    private const string Chromium = "/usr/bin/chromium";

    private readonly ApiFactory _api;
    private readonly IPlaywright _playwright;
    private readonly IBrowser _browser;

    private ChromiumSession(ApiFactory api, IPlaywright playwright, IBrowser browser, IPage page, string address)
    {
        _api = api;
        _playwright = playwright;
        _browser = browser;
        Page = page;
        Address = address;
    }

    public IPage Page { get; }

    /// <summary>The server's address, with 127.0.0.1 for localhost so the browser skips name resolution.</summary>
    public string Address { get; }

    public IServiceProvider Services => _api.Services;

    public List<string> Violations { get; } = [];

    public List<string> ScriptErrors { get; } = [];

    public List<string> OffOriginRequests { get; } = [];

    /// <param name="settings">The Api's settings when not the fixture's (providers pointed at stand-ins, say).</param>
    public static async Task<ChromiumSession> StartAsync(SkinProgressFixture fixture, string? bearer = null, IReadOnlyDictionary<string, string?>? settings = null)
    {
        var api = new ApiFactory(settings ?? fixture.Settings);
        api.UseKestrel(0);
        api.StartServer();
        var address = api.Services.GetRequiredService<IServer>().Features.GetRequiredFeature<IServerAddressesFeature>().Addresses.First()
            .Replace("localhost", "127.0.0.1", StringComparison.Ordinal);

        var playwright = await Playwright.CreateAsync();
        var browser = await playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = Chromium,
            Headless = true,
            Args = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--no-first-run", "--disable-sync"],
        });
        var context = await browser.NewContextAsync(new BrowserNewContextOptions
        {
            ExtraHTTPHeaders = bearer is null ? null : new Dictionary<string, string> { ["Authorization"] = $"Bearer {bearer}" },
        });
        var page = await context.NewPageAsync();
        var session = new ChromiumSession(api, playwright, browser, page, address);

        await context.ExposeFunctionAsync("reportCspViolation", (string violation) => Record(session.Violations, violation));
        // Init scripts run in every document before its own scripts, and a page's CSP does not apply to them.
        await context.AddInitScriptAsync("""
            document.addEventListener('securitypolicyviolation', e =>
                window.reportCspViolation(`${e.effectiveDirective} blocked ${e.blockedURI || 'inline'} at ${e.sourceFile || e.documentURI}:${e.lineNumber}`));
            """);
        page.Console += (_, message) =>
        {
            if (message.Text.Contains("Content Security Policy", StringComparison.OrdinalIgnoreCase))
            {
                Record(session.Violations, message.Text);
            }
            // The browser asks for /favicon.ico on its own; no page here names one.
            else if (message.Type == "error" && !message.Location.Contains("/favicon.ico", StringComparison.Ordinal))
            {
                Record(session.ScriptErrors, message.Text);
            }
        };
        page.PageError += (_, error) => Record(session.ScriptErrors, error);
        page.Request += (_, request) =>
        {
            if (request.Url.StartsWith("http", StringComparison.Ordinal) && !request.Url.StartsWith(address + "/", StringComparison.Ordinal))
            {
                Record(session.OffOriginRequests, request.Url);
            }
        };
        return session;
    }

    public string Url(string path) => Address + path;

    /// <summary>The page worked as served: its policy blocked nothing, no script failed, nothing was fetched from elsewhere.</summary>
    public void AssertNothingBlocked()
    {
        Assert.True(Violations.Count == 0, "CSP violations:\n" + string.Join('\n', Violations));
        Assert.True(ScriptErrors.Count == 0, "script errors:\n" + string.Join('\n', ScriptErrors));
        Assert.True(OffOriginRequests.Count == 0, "requests off the server's origin:\n" + string.Join('\n', OffOriginRequests));
    }

    public async ValueTask DisposeAsync()
    {
        await _browser.DisposeAsync();
        _playwright.Dispose();
        await _api.DisposeAsync();
    }

    private static void Record(List<string> list, string entry)
    {
        lock (list)
        {
            list.Add(entry);
        }
    }
}
