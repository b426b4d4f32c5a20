using System.Collections.Concurrent;
using System.Net;
using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace SkinProgress.IntegrationTests.Connections.StandIns;

/// <summary>
/// A provider's cloud on loopback (a random port), as its documentation describes it: an OAuth 2.0 authorize page
/// with a Consent button, a token endpoint, the data API and webhook sending. It counts every request it receives
/// and can be told to fail the next API requests (429 with Retry-After, 5xx) or to refuse tokens.
/// </summary>
public abstract class StandInHost : IAsyncDisposable
{
    private readonly ConcurrentDictionary<string, int> _requests = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, string> _codes = new(StringComparer.Ordinal);
    private WebApplication? _app;

    public const string ClientId = "stand-in-client";
    public const string ClientSecret = "stand-in-secret";

    public Uri BaseUrl { get; private set; } = null!;

    /// <summary>The person who consents at the authorize page, as the provider names them.</summary>
    public abstract string OwnerId { get; }

    public StandInTokens Tokens { get; } = new();

    public StandInFaults Faults { get; } = new();

    /// <summary>How long each API request waits before it is answered: a slow provider, so work can be caught midway.</summary>
    public TimeSpan ApiDelay { get; set; }

    /// <summary>Requests received at paths starting with the prefix (all when empty), failed ones included.</summary>
    public int Requests(string pathPrefix = "") => _requests.Where(r => r.Key.StartsWith(pathPrefix, StringComparison.Ordinal)).Sum(r => r.Value);

    public Uri Url(string relative) => new(BaseUrl, relative);

    protected abstract string AuthorizePath { get; }

    /// <summary>Paths the faults apply to: the data API, not OAuth.</summary>
    protected abstract bool IsApi(PathString path);

    protected abstract void Map(WebApplication app);

    /// <summary>A new stand-in, listening.</summary>
    public static async Task<T> StartNewAsync<T>() where T : StandInHost, new()
    {
        var standIn = new T();
        await standIn.StartAsync();
        return standIn;
    }

    private async Task StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseKestrel(k => k.Listen(IPAddress.Loopback, 0));
        _app = builder.Build();
        _app.Use(async (context, next) =>
        {
            _requests.AddOrUpdate(context.Request.Path.Value ?? "", 1, (_, n) => n + 1);
            if (IsApi(context.Request.Path) && ApiDelay > TimeSpan.Zero)
            {
                await Task.Delay(ApiDelay, context.RequestAborted);
            }

            if (IsApi(context.Request.Path) && Faults.Next() is { } fault)
            {
                context.Response.StatusCode = fault.Status;
                if (fault.RetryAfterSeconds is { } seconds)
                {
                    context.Response.Headers.RetryAfter = seconds.ToString(System.Globalization.CultureInfo.InvariantCulture);
                }

                return;
            }

            await next(context);
        });
        _app.MapGet(AuthorizePath, AuthorizePage);
        _app.MapPost("/consent", Consent);
        Map(_app);
        await _app.StartAsync();
        BaseUrl = new Uri(_app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First() + "/");
    }

    /// <summary>The provider's consent screen: a real form a browser submits, nothing scripted.</summary>
    private static IResult AuthorizePage(HttpRequest request)
    {
        if (request.Query["client_id"] != ClientId || request.Query["response_type"] != "code" || string.IsNullOrEmpty(request.Query["redirect_uri"]))
        {
            return Results.BadRequest();
        }

        var html = HtmlEncoder.Default;
        return Results.Content(
            $"""
            <!doctype html>
            <html><head><title>Authorize</title></head><body>
            <h1>Allow SkinProgress to read your data?</h1>
            <form method="post" action="/consent">
              <input type="hidden" name="redirect_uri" value="{html.Encode(request.Query["redirect_uri"].ToString())}">
              <input type="hidden" name="state" value="{html.Encode(request.Query["state"].ToString())}">
              <button type="submit" id="consent">Consent</button>
            </form>
            </body></html>
            """,
            "text/html");
    }

    private async Task<IResult> Consent(HttpRequest request)
    {
        var form = await request.ReadFormAsync();
        var code = Convert.ToHexStringLower(System.Security.Cryptography.RandomNumberGenerator.GetBytes(16));
        _codes[code] = OwnerId;
        var redirect = $"{form["redirect_uri"]}{(form["redirect_uri"].ToString().Contains('?', StringComparison.Ordinal) ? '&' : '?')}code={code}&state={Uri.EscapeDataString(form["state"].ToString())}";
        return Results.Redirect(redirect);
    }

    /// <summary>The owner a code was issued for; a code is good once.</summary>
    protected string? Redeem(string? code) => code is not null && _codes.TryRemove(code, out var owner) ? owner : null;

    /// <summary>The owner of a bearer token the provider still accepts, or null.</summary>
    protected string? Bearer(HttpRequest request) =>
        request.Headers.Authorization.ToString() is { } header && header.StartsWith("Bearer ", StringComparison.Ordinal) ? Tokens.Owner(header["Bearer ".Length..]) : null;

    protected static bool ClientMatches(string? id, string? secret) => id == ClientId && secret == ClientSecret;

    public async ValueTask DisposeAsync()
    {
        if (_app is not null)
        {
            await _app.DisposeAsync();
        }

        GC.SuppressFinalize(this);
    }
}
