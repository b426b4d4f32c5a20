using System.Collections.Concurrent;
using System.Security.Cryptography;
using System.Text;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace SkinProgress.IntegrationTests.Connections;

/// <summary>
/// A minimal OAuth 2.0 authorization server on loopback for <see cref="LoopbackConnectionProvider"/>: /authorize
/// consents at once for <see cref="NextOwner"/> and sends the browser back with a code; /token exchanges that code
/// once, checking the client and the PKCE verifier (S256), and answers with tokens naming the owner. Replaced by the
/// providers' own stand-ins when they exist.
/// </summary>
public sealed class LoopbackOAuthServer : IAsyncDisposable
{
    public const string ClientId = "loopback-client";
    public const string ClientSecret = "loopback-secret";

    private readonly WebApplication _app;
    private readonly ConcurrentDictionary<string, (string Owner, string Challenge)> _codes = new();

    private LoopbackOAuthServer(WebApplication app) => _app = app;

    public string Address { get; private set; } = "";

    /// <summary>Whom the next consent is for.</summary>
    public string NextOwner { get; set; } = "owner-1";

    /// <summary>The access token issued for an owner; tests look for it in the database.</summary>
    public static string AccessTokenOf(string owner) => $"loopback-access-{owner}";

    public static async Task<LoopbackOAuthServer> StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        var server = new LoopbackOAuthServer(builder.Build());
        server._app.MapGet("/authorize", server.Authorize);
        server._app.MapPost("/token", server.Token);
        await server._app.StartAsync();
        server.Address = server._app.Services.GetRequiredService<IServer>().Features.GetRequiredFeature<IServerAddressesFeature>().Addresses.First();
        return server;
    }

    private IResult Authorize(HttpRequest request)
    {
        var q = request.Query;
        if (q["client_id"] != ClientId || q["response_type"] != "code" || q["code_challenge_method"] != "S256"
            || string.IsNullOrEmpty(q["redirect_uri"]) || string.IsNullOrEmpty(q["state"]) || string.IsNullOrEmpty(q["code_challenge"]))
        {
            return Results.BadRequest();
        }

        var code = Convert.ToHexString(RandomNumberGenerator.GetBytes(16));
        _codes[code] = (NextOwner, q["code_challenge"]!);
        return Results.Redirect($"{q["redirect_uri"]}?code={code}&state={Uri.EscapeDataString(q["state"]!)}");
    }

    private async Task<IResult> Token(HttpRequest request)
    {
        var form = await request.ReadFormAsync();
        if (form["grant_type"] != "authorization_code" || form["client_id"] != ClientId || form["client_secret"] != ClientSecret
            || !_codes.TryRemove(form["code"].ToString(), out var grant)
            || Base64Url(SHA256.HashData(Encoding.ASCII.GetBytes(form["code_verifier"].ToString()))) != grant.Challenge)
        {
            return Results.Json(new { error = "invalid_grant" }, statusCode: StatusCodes.Status400BadRequest);
        }

        return Results.Json(new Dictionary<string, object>
        {
            ["access_token"] = AccessTokenOf(grant.Owner),
            ["refresh_token"] = $"loopback-refresh-{grant.Owner}",
            ["token_type"] = "Bearer",
            ["expires_in"] = 3600,
            ["owner_id"] = grant.Owner,
        });
    }

    private static string Base64Url(byte[] bytes) => Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
