using System.Collections.Concurrent;
using System.Globalization;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;

namespace SkinProgress.IntegrationTests.Connections.StandIns;

/// <summary>
/// Strava API v3 as its reference and webhooks guide describe it: <c>/oauth/authorize</c>, <c>/oauth/token</c>
/// (authorization code and refresh grants, the athlete in the first answer), <c>/oauth/deauthorize</c>,
/// <c>/api/v3/athlete/activities</c> (after/before, page/per_page) and <c>/api/v3/activities/{id}</c>, with
/// <c>X-RateLimit-*</c> headers; it can send push events and the subscription validation request.
/// </summary>
public sealed class StravaStandIn : StandInHost
{
    /// <summary>The recorded activities it serves, by id: a 2025 run, a detailed 2018 run, two trainer rides, five 2015–16 rides.</summary>
    private readonly ConcurrentDictionary<string, JsonObject> _activities = new(StringComparer.Ordinal);

    private static readonly HttpClient Sender = new();

    public StravaStandIn()
    {
        foreach (var activity in new[] { "strava/summary-activity-run-2025.json", "strava/detailed-activity-run.json" })
        {
            Put((JsonObject)JsonNode.Parse(ProviderData.Text(activity))!);
        }

        foreach (var list in new[] { "strava/summary-activities-list-docs-example.json", "strava/summary-activities-list-rides-2016.json" })
        {
            foreach (var activity in JsonNode.Parse(ProviderData.Text(list))!.AsArray())
            {
                Put((JsonObject)activity!);
            }
        }
    }

    public override string OwnerId => "12342176";

    public IReadOnlyCollection<string> ActivityIds => [.. _activities.Keys];

    protected override string AuthorizePath => "/oauth/authorize";

    protected override bool IsApi(PathString path) => path.StartsWithSegments("/api/v3");

    /// <summary>Adds or edits an activity (as the athlete would on Strava).</summary>
    public void Put(JsonObject activity) => _activities[activity["id"]!.ToJsonString()] = activity;

    public void Delete(string id) => _activities.TryRemove(id, out _);

    protected override void Map(WebApplication app)
    {
        app.MapPost("/oauth/token", async (HttpRequest request) =>
        {
            var form = await request.ReadFormAsync();
            if (!ClientMatches(form["client_id"], form["client_secret"]))
            {
                return Results.Json(Fault("Application", "client_id", "invalid"), statusCode: 401);
            }

            switch (form["grant_type"].ToString())
            {
                case "authorization_code" when Redeem(form["code"]) is { } owner:
                    var (access, refresh, expires) = Tokens.Issue(owner);
                    return Results.Json(Answer(access, refresh, expires, new JsonObject { ["id"] = long.Parse(owner, CultureInfo.InvariantCulture), ["resource_state"] = 2 }));
                case "refresh_token" when Tokens.Refresh(form["refresh_token"]) is { } renewed:
                    return Results.Json(Answer(renewed.Access, renewed.Refresh, renewed.ExpiresAt, null));
                default:
                    return Results.Json(Fault("RefreshToken", "refresh_token", "invalid"), statusCode: 400);
            }
        });
        app.MapPost("/oauth/deauthorize", async (HttpRequest request) =>
        {
            var form = await request.ReadFormAsync();
            if (Tokens.Owner(form["access_token"].ToString()) is not { } owner)
            {
                return Results.Json(Fault("Athlete", "access_token", "invalid"), statusCode: 401);
            }

            Tokens.Revoke(owner);
            return Results.Json(new { access_token = form["access_token"].ToString() });
        });
        app.MapGet("/api/v3/activities/{id}", (HttpRequest request, HttpResponse response, string id) =>
        {
            if (Bearer(request) is null)
            {
                return Unauthorized();
            }

            RateHeaders(response);
            return _activities.TryGetValue(id, out var activity)
                ? Results.Content(activity.ToJsonString(), "application/json")
                : Results.Json(Fault("Activity", "id", "not found"), statusCode: 404);
        });
        app.MapGet("/api/v3/athlete/activities", (HttpRequest request, HttpResponse response, long? after, long? before, int? page, int? per_page) =>
        {
            if (Bearer(request) is null)
            {
                return Unauthorized();
            }

            RateHeaders(response);
            var size = Math.Clamp(per_page ?? 30, 1, 200);
            var selected = _activities.Values
                .Select(a => (Activity: a, Start: DateTimeOffset.Parse(a["start_date"]!.GetValue<string>(), CultureInfo.InvariantCulture).ToUnixTimeSeconds()))
                .Where(a => (after is null || a.Start > after) && (before is null || a.Start < before))
                .OrderBy(a => a.Start)
                .Skip((Math.Max(page ?? 1, 1) - 1) * size)
                .Take(size)
                .Select(a => a.Activity.DeepClone());
            return Results.Content(new JsonArray([.. selected]).ToJsonString(), "application/json");
        });
    }

    /// <summary>Strava's push event for an object (webhooks guide, "Event Data").</summary>
    public async Task<HttpResponseMessage> SendEventAsync(Uri callback, string objectType, string aspect, long objectId, JsonObject? updates = null)
    {
        var body = new JsonObject
        {
            ["aspect_type"] = aspect,
            ["event_time"] = DateTimeOffset.UtcNow.ToUnixTimeSeconds(),
            ["object_id"] = objectId,
            ["object_type"] = objectType,
            ["owner_id"] = long.Parse(OwnerId, CultureInfo.InvariantCulture),
            ["subscription_id"] = 120475,
            ["updates"] = updates ?? [],
        };
        return await Sender.PostAsJsonAsync(callback, body);
    }

    /// <summary>The subscription validation GET; true when the callback echoed the challenge.</summary>
    public static async Task<(int Status, bool Echoed)> ValidateSubscriptionAsync(Uri callback, string verifyToken)
    {
        var challenge = Convert.ToHexStringLower(System.Security.Cryptography.RandomNumberGenerator.GetBytes(16));
        using var response = await Sender.GetAsync(new Uri($"{callback}?hub.mode=subscribe&hub.challenge={challenge}&hub.verify_token={Uri.EscapeDataString(verifyToken)}"));
        if (!response.IsSuccessStatusCode)
        {
            return ((int)response.StatusCode, false);
        }

        using var answer = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        return ((int)response.StatusCode, answer.RootElement.TryGetProperty("hub.challenge", out var echoed) && echoed.GetString() == challenge);
    }

    private void RateHeaders(HttpResponse response)
    {
        response.Headers["X-RateLimit-Limit"] = "200,2000";
        response.Headers["X-RateLimit-Usage"] = $"{Requests("/api/v3")},{Requests("/api/v3")}";
    }

    private static JsonObject Answer(string access, string refresh, DateTimeOffset expiresAt, JsonObject? athlete)
    {
        var answer = new JsonObject
        {
            ["token_type"] = "Bearer",
            ["expires_at"] = expiresAt.ToUnixTimeSeconds(),
            ["expires_in"] = (long)(expiresAt - DateTimeOffset.UtcNow).TotalSeconds,
            ["refresh_token"] = refresh,
            ["access_token"] = access,
        };
        if (athlete is not null)
        {
            answer["athlete"] = athlete;
        }

        return answer;
    }

    private static IResult Unauthorized() => Results.Json(Fault("Athlete", "access_token", "invalid"), statusCode: 401);

    private static JsonObject Fault(string resource, string field, string code) => new()
    {
        ["message"] = code == "not found" ? "Record Not Found" : "Authorization Error",
        ["errors"] = new JsonArray(new JsonObject { ["resource"] = resource, ["field"] = field, ["code"] = code }),
    };
}
