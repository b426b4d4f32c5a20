using System.Collections.Concurrent;
using System.Globalization;
using System.Net.Http.Headers;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;

namespace SkinProgress.IntegrationTests.Connections.StandIns;

/// <summary>
/// Polar AccessLink v3 as its reference describes it: <c>/oauth2/authorization</c>; <c>/v2/oauth2/token</c> with HTTP
/// Basic client authentication, answering <c>x_user_id</c> and no refresh token; <c>/v3/users</c> registration (409
/// when already registered) and deletion; <c>/v3/exercises</c> and <c>/v3/exercises/{id}/fit</c> serving the recorded
/// Polar Ignite FIT file. It can send webhooks signed with HMAC-SHA-256 over the body.
/// </summary>
public sealed class PolarStandIn : StandInHost
{
    public const string ExerciseId = "aQlC83";

    private static readonly HttpClient Sender = new();
    private readonly ConcurrentDictionary<string, bool> _registered = new(StringComparer.Ordinal);

    public override string OwnerId => "475";

    public bool IsRegistered(string owner) => _registered.ContainsKey(owner);

    protected override string AuthorizePath => "/oauth2/authorization";

    protected override bool IsApi(PathString path) => path.StartsWithSegments("/v3");

    protected override void Map(WebApplication app)
    {
        app.MapPost("/v2/oauth2/token", async (HttpRequest request) =>
        {
            var form = await request.ReadFormAsync();
            if (!BasicMatches(request.Headers.Authorization.ToString()))
            {
                return Results.Json(new { error = "invalid_client" }, statusCode: 401);
            }

            if (form["grant_type"] != "authorization_code" || Redeem(form["code"]) is not { } owner)
            {
                return Results.Json(new { error = "invalid_grant" }, statusCode: 400);
            }

            var (access, _, expires) = Tokens.Issue(owner);
            return Results.Json(new JsonObject
            {
                ["access_token"] = access,
                ["token_type"] = "bearer",
                ["expires_in"] = (long)(expires - DateTimeOffset.UtcNow).TotalSeconds,
                ["x_user_id"] = long.Parse(owner, CultureInfo.InvariantCulture),
            });
        });
        app.MapPost("/v3/users", async (HttpRequest request) =>
        {
            if (Bearer(request) is not { } owner)
            {
                return Results.StatusCode(401);
            }

            var body = await JsonNode.ParseAsync(request.Body);
            if (body?["member-id"] is null)
            {
                return Results.StatusCode(400);
            }

            return _registered.TryAdd(owner, true)
                ? Results.Json(new JsonObject { ["polar-user-id"] = long.Parse(owner, CultureInfo.InvariantCulture), ["member-id"] = body["member-id"]!.DeepClone() })
                : Results.StatusCode(409);
        });
        app.MapDelete("/v3/users/{id}", (HttpRequest request, string id) =>
        {
            if (Bearer(request) is not { } owner || owner != id)
            {
                return Results.StatusCode(401);
            }

            _registered.TryRemove(owner, out _);
            Tokens.Revoke(owner);
            return Results.NoContent();
        });
        app.MapGet("/v3/exercises", (HttpRequest request) =>
            Bearer(request) is null ? Results.StatusCode(401) : Results.Content(ProviderData.Text("polar/exercises-list.docs.json"), "application/json"));
        app.MapGet("/v3/exercises/{id}/fit", (HttpRequest request, string id) =>
            Bearer(request) is null ? Results.StatusCode(401)
            : id == ExerciseId ? Results.Bytes(ProviderData.Bytes("polar/exercise-polar-ignite-run.fit"), "application/octet-stream")
            : Results.NotFound());
    }

    /// <summary>An AccessLink webhook: the JSON body, signed with the application's signature secret.</summary>
    public static async Task<HttpResponseMessage> SendAsync(Uri callback, string json, string signatureSecret)
    {
        using var request = Webhook(callback, json, signatureSecret);
        return await Sender.SendAsync(request);
    }

    /// <summary>
    /// An AccessLink webhook request as Polar posts it: the JSON body, its event in <c>Polar-Webhook-Event</c>, and the
    /// HMAC-SHA-256 of the body with the signature secret, hex, in <c>Polar-Webhook-Signature</c>.
    /// </summary>
    public static HttpRequestMessage Webhook(Uri target, string json, string signatureSecret)
    {
        var body = Encoding.UTF8.GetBytes(json);
        var content = new ByteArrayContent(body);
        content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        var request = new HttpRequestMessage(HttpMethod.Post, target) { Content = content };
        request.Headers.Add("Polar-Webhook-Event", JsonNode.Parse(json)?["event"]?.GetValue<string>() ?? "");
        request.Headers.Add("Polar-Webhook-Signature", Convert.ToHexStringLower(HMACSHA256.HashData(Encoding.UTF8.GetBytes(signatureSecret), body)));
        return request;
    }

    public string ExerciseEvent() => new JsonObject
    {
        ["event"] = "EXERCISE",
        ["user_id"] = long.Parse(OwnerId, CultureInfo.InvariantCulture),
        ["entity_id"] = ExerciseId,
        ["timestamp"] = DateTimeOffset.UtcNow.ToString("yyyy-MM-ddTHH:mm:ss.fffZ", CultureInfo.InvariantCulture),
        ["url"] = Url($"v3/exercises/{ExerciseId}").AbsoluteUri,
    }.ToJsonString();

    private static bool BasicMatches(string header)
    {
        if (!header.StartsWith("Basic ", StringComparison.Ordinal))
        {
            return false;
        }

        var pair = Encoding.UTF8.GetString(Convert.FromBase64String(header["Basic ".Length..])).Split(':', 2);
        return pair.Length == 2 && ClientMatches(Uri.UnescapeDataString(pair[0]), Uri.UnescapeDataString(pair[1]));
    }
}
