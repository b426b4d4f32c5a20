using System.Globalization;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;

namespace SkinProgress.IntegrationTests.Connections.StandIns;

/// <summary>
/// Withings as its API reference describes it: <c>/oauth2_user/authorize2</c>; <c>/v2/oauth2</c> with
/// <c>action=requesttoken</c> answering <c>{status, body}</c>; <c>/measure?action=getmeas</c> and
/// <c>/v2/measure?action=getworkouts</c> (paged with more/offset), <c>/notify</c> subscribe and revoke. Errors are HTTP
/// 200 with a non-zero status (401 for a refused token, 503 for a refused refresh token). It can post notifications.
/// </summary>
public sealed class WithingsStandIn : StandInHost
{
    private static readonly HttpClient Sender = new();

    private readonly JsonArray _groups = (JsonArray)JsonNode.Parse(ProviderData.HttpBody("withings/getmeas-recorded-2012.http"))!["body"]!["measuregrps"]!;
    private readonly JsonArray _workouts = (JsonArray)JsonNode.Parse(ProviderData.Text("withings/measurev2-getworkouts-scanwatch2-2026.json"))!["body"]!["series"]!;

    public override string OwnerId => "363";

    /// <summary>Items per page of getmeas and getworkouts, small so paging is exercised.</summary>
    public int PageSize { get; set; } = 2;

    /// <summary>The next n API calls answer HTTP 200 with status 601 (too many requests).</summary>
    public int StatusTooManyRequests { get; set; }

    public List<(string Action, string Appli, string CallbackUrl)> Subscriptions { get; } = [];

    protected override string AuthorizePath => "/oauth2_user/authorize2";

    protected override bool IsApi(PathString path) => path.StartsWithSegments("/measure") || path.StartsWithSegments("/v2/measure") || path.StartsWithSegments("/notify");

    protected override void Map(WebApplication app)
    {
        app.MapPost("/v2/oauth2", async (HttpRequest request) =>
        {
            var form = await request.ReadFormAsync();
            if (form["action"] != "requesttoken")
            {
                return Status(2554);
            }

            if (!ClientMatches(form["client_id"], form["client_secret"]))
            {
                return Status(503);
            }

            var (access, refresh, expires, owner) = form["grant_type"].ToString() switch
            {
                "authorization_code" when Redeem(form["code"]) is { } o => Issue(o),
                "refresh_token" when Tokens.Refresh(form["refresh_token"]) is { } r => (r.Access, r.Refresh, r.ExpiresAt, r.Owner),
                _ => default,
            };
            return access is null
                ? Status(503)
                : Results.Json(new JsonObject
                {
                    ["status"] = 0,
                    ["body"] = new JsonObject
                    {
                        ["userid"] = owner,
                        ["access_token"] = access,
                        ["refresh_token"] = refresh,
                        ["expires_in"] = (long)(expires - DateTimeOffset.UtcNow).TotalSeconds,
                        ["scope"] = "user.metrics,user.activity",
                        ["csrf_token"] = "stand-in",
                        ["token_type"] = "Bearer",
                    },
                });
        });
        app.MapPost("/measure", async (HttpRequest request) => await Api(request, "getmeas", form =>
            Page(_groups, form, g => Within(g["date"]!.GetValue<long>(), form["startdate"], form["enddate"]), "measuregrps")));
        app.MapPost("/v2/measure", async (HttpRequest request) => await Api(request, "getworkouts", form =>
            Page(_workouts, form, w => WithinDays(w["date"]!.GetValue<string>(), form["startdateymd"], form["enddateymd"]), "series")));
        app.MapPost("/notify", async (HttpRequest request) => await Api(request, null, form =>
        {
            Subscriptions.Add((form["action"].ToString(), form["appli"].ToString(), form["callbackurl"].ToString()));
            return new JsonObject();
        }));
    }

    /// <summary>Withings' notification: a form post naming the user, the category and the changed range.</summary>
    public Task<HttpResponseMessage> NotifyAsync(Uri callback, int appli, DateTimeOffset from, DateTimeOffset to) =>
        Sender.PostAsync(callback, new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["userid"] = OwnerId,
            ["appli"] = appli.ToString(CultureInfo.InvariantCulture),
            ["startdate"] = from.ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture),
            ["enddate"] = to.ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture),
        }));

    private (string? Access, string? Refresh, DateTimeOffset Expires, string? Owner) Issue(string owner)
    {
        var (access, refresh, expires) = Tokens.Issue(owner);
        return (access, refresh, expires, owner);
    }

    private async Task<IResult> Api(HttpRequest request, string? action, Func<IFormCollection, JsonObject> answer)
    {
        var form = await request.ReadFormAsync();
        if (StatusTooManyRequests > 0)
        {
            StatusTooManyRequests--;
            return Status(601);
        }

        if (Bearer(request) is null)
        {
            return Status(401);
        }

        return action is not null && form["action"] != action ? Status(2554) : Results.Json(new JsonObject { ["status"] = 0, ["body"] = answer(form) });
    }

    private JsonObject Page(JsonArray items, IFormCollection form, Func<JsonNode, bool> selected, string name)
    {
        var offset = int.TryParse(form["offset"], CultureInfo.InvariantCulture, out var o) ? o : 0;
        var all = items.Where(i => selected(i!)).ToList();
        var page = all.Skip(offset).Take(PageSize).Select(i => i!.DeepClone()).ToArray();
        var more = offset + page.Length < all.Count;
        return new JsonObject { [name] = new JsonArray(page), ["more"] = more, ["offset"] = more ? offset + page.Length : 0 };
    }

    private static bool Within(long date, string? start, string? end) =>
        (!long.TryParse(start, CultureInfo.InvariantCulture, out var s) || date >= s) && (!long.TryParse(end, CultureInfo.InvariantCulture, out var e) || date <= e);

    private static bool WithinDays(string date, string? start, string? end) =>
        (string.IsNullOrEmpty(start) || string.CompareOrdinal(date, start) >= 0) && (string.IsNullOrEmpty(end) || string.CompareOrdinal(date, end) <= 0);

    private static IResult Status(int status) => Results.Json(new JsonObject { ["status"] = status, ["body"] = new JsonObject(), ["error"] = $"stand-in status {status}" });
}
