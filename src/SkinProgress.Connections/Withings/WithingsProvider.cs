using System.Globalization;
using System.Text.Json;
using Microsoft.AspNetCore.Authentication.OAuth;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Options;
using SkinProgress.Connections.Http;
using SkinProgress.Connections.Mapping;
using SkinProgress.Connections.OAuth;
using SkinProgress.Contracts;

namespace SkinProgress.Connections.Withings;

/// <summary>
/// Withings: weigh-ins (Measure – Getmeas, weight and fat ratio) and workouts (Measure v2 – Getworkouts), with
/// notification subscriptions per category. A Withings notification's <see cref="ProviderNotification.ObjectId"/>
/// carries its category (<c>appli</c>) so only that category is fetched; without one both are.
/// </summary>
public sealed class WithingsProvider(IOptions<WithingsOptions> settings, IHttpClientFactory clients, TimeProvider time) : IConnectionProvider
{
    public const string ProviderName = "withings";

    private WithingsOptions Options => settings.Value;

    public string Name => ProviderName;

    public string DisplayName => "Withings";

    public bool IsConfigured => Options.IsConfigured;

    public void ConfigureOAuth(OAuthOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        Options.ApplyTo(options, "user.metrics,user.activity");
        options.BackchannelHttpHandler = new WithingsTokenHandler(new SocketsHttpHandler());
    }

    public string ReadOwnerId(OAuthCreatingTicketContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        return OwnerId(context.TokenResponse.Response?.RootElement) ?? throw new InvalidOperationException("Withings' token response names no user.");
    }

    internal static string? OwnerId(JsonElement? tokenResponse) => tokenResponse?.Text("userid") is { Length: > 0 } id ? id : null;

    /// <summary>Subscribes the person's weight and activity notifications to our webhook, when one is configured.</summary>
    public async Task OnConnectedAsync(ProviderSession session, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(session);
        if (Options.WebhookUrl is not { } callback)
        {
            return;
        }

        foreach (var appli in new[] { WithingsWebhook.WeightAppli, WithingsWebhook.ActivityAppli })
        {
            await CallAsync(session, "notify", new Dictionary<string, string>
            {
                ["action"] = "subscribe",
                ["callbackurl"] = callback.AbsoluteUri,
                ["appli"] = appli.ToString(CultureInfo.InvariantCulture),
                ["comment"] = "SkinProgress",
            }, cancellationToken);
        }
    }

    public Task<WebhookReading> ReadWebhookAsync(HttpRequest request, CancellationToken cancellationToken) =>
        WithingsWebhook.ReadAsync(request, cancellationToken);

    public Task<ProviderChanges> FetchAsync(ProviderSession session, ProviderNotification notification, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(notification);
        if (notification.Kind != NotificationKind.RangeChanged || notification.From is not { } from || notification.To is not { } to)
        {
            return Task.FromResult(ProviderChanges.None);
        }

        return notification.ObjectId switch
        {
            "1" => Changes(FetchMeasuresAsync(session, from, to, cancellationToken)),
            "16" => Changes(FetchWorkoutsAsync(session, from, to, cancellationToken)),
            _ => FetchRangeAsync(session, from, to, cancellationToken),
        };
    }

    public async Task<ProviderChanges> FetchRangeAsync(ProviderSession session, DateTimeOffset from, DateTimeOffset to, CancellationToken cancellationToken)
    {
        var events = new List<HealthEvent>(await FetchMeasuresAsync(session, from, to, cancellationToken));
        events.AddRange(await FetchWorkoutsAsync(session, from, to, cancellationToken));
        return new ProviderChanges(events, []);
    }

    public async Task<TokenSet> RefreshAsync(string refreshToken, CancellationToken cancellationToken)
    {
        using var content = new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["action"] = "requesttoken",
            ["grant_type"] = "refresh_token",
            ["client_id"] = Options.ClientId ?? "",
            ["client_secret"] = Options.ClientSecret ?? "",
            ["refresh_token"] = refreshToken,
        });
        using var response = await Client().PostAsync(Options.TokenUrl, content, cancellationToken);
        using var document = await ProviderResponses.JsonAsync(response, ProviderName, cancellationToken);
        var status = WithingsStatus.Of(document.RootElement);
        if (status is { } s && WithingsStatus.IsRefusedGrant(s))
        {
            throw new ReauthorizationRequiredException($"Withings refused the refresh token (status {s}).");
        }

        return status == WithingsStatus.Success && document.RootElement.Property("body") is { } body && TokenResponse.Read(body, time.GetUtcNow()) is { } tokens
            ? tokens
            : throw new HttpRequestException($"Withings' refresh answer has status {status} and no access token.");
    }

    /// <summary>
    /// Withings' revoke call needs a signed nonce of the partner's, which nothing else here needs; what a disconnect
    /// must stop is the notifications, so those are revoked instead.
    /// </summary>
    public async Task RevokeAsync(ProviderSession session, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(session);
        if (Options.WebhookUrl is not { } callback)
        {
            return;
        }

        foreach (var appli in new[] { WithingsWebhook.WeightAppli, WithingsWebhook.ActivityAppli })
        {
            try
            {
                await CallAsync(session, "notify", new Dictionary<string, string>
                {
                    ["action"] = "revoke",
                    ["callbackurl"] = callback.AbsoluteUri,
                    ["appli"] = appli.ToString(CultureInfo.InvariantCulture),
                }, cancellationToken);
            }
            catch (ReauthorizationRequiredException)
            {
                // The token is already refused: Withings sends nothing more for it.
                return;
            }
        }
    }

    private async Task<IReadOnlyList<HealthEvent>> FetchMeasuresAsync(ProviderSession session, DateTimeOffset from, DateTimeOffset to, CancellationToken cancellationToken)
    {
        var events = new List<HealthEvent>();
        for (long offset = 0; ;)
        {
            var fields = new Dictionary<string, string>
            {
                ["action"] = "getmeas",
                ["meastypes"] = "1,6",
                ["category"] = "1",
                ["startdate"] = from.ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture),
                ["enddate"] = to.ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture),
                ["offset"] = offset.ToString(CultureInfo.InvariantCulture),
            };
            using var document = await CallAsync(session, "measure", fields, cancellationToken);
            var body = document.RootElement.Property("body") ?? default;
            events.AddRange(WithingsMapper.MapMeasures(body, time.GetUtcNow()));
            if (Next(body, offset) is not { } next)
            {
                return events;
            }

            offset = next;
        }
    }

    private async Task<IReadOnlyList<HealthEvent>> FetchWorkoutsAsync(ProviderSession session, DateTimeOffset from, DateTimeOffset to, CancellationToken cancellationToken)
    {
        var events = new List<HealthEvent>();
        for (long offset = 0; ;)
        {
            // Workouts are asked for by calendar date; the range is widened to whole days, which only re-sends some.
            var fields = new Dictionary<string, string>
            {
                ["action"] = "getworkouts",
                ["startdateymd"] = from.UtcDateTime.AddDays(-1).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
                ["enddateymd"] = to.UtcDateTime.AddDays(1).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
                ["data_fields"] = "calories,distance,hr_average,pause_duration",
                ["offset"] = offset.ToString(CultureInfo.InvariantCulture),
            };
            using var document = await CallAsync(session, "v2/measure", fields, cancellationToken);
            var body = document.RootElement.Property("body") ?? default;
            events.AddRange(WithingsMapper.MapWorkouts(body, time.GetUtcNow()));
            if (Next(body, offset) is not { } next)
            {
                return events;
            }

            offset = next;
        }
    }

    /// <summary>The next page's offset while Withings says there is <c>more</c>, and only forward (a loop guard).</summary>
    private static long? Next(JsonElement body, long offset) =>
        (body.Flag("more") || body.Integer("more") == 1) && body.Integer("offset") is { } next && next > offset ? next : null;

    private async Task<JsonDocument> CallAsync(ProviderSession session, string path, Dictionary<string, string> fields, CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, Options.Api(path)) { Content = new FormUrlEncodedContent(fields) };
        request.Headers.Authorization = new("Bearer", session.AccessToken);
        using var response = await Client().SendAsync(request, cancellationToken);
        var document = await ProviderResponses.JsonAsync(response, ProviderName, cancellationToken);
        var status = WithingsStatus.Of(document.RootElement);
        if (status == WithingsStatus.Success)
        {
            return document;
        }

        document.Dispose();
        throw status is { } s && WithingsStatus.IsAuthenticationFailure(s)
            ? new ReauthorizationRequiredException($"Withings refused the access token (status {s}).")
            : new HttpRequestException($"Withings answered status {status}.");
    }

    private static async Task<ProviderChanges> Changes(Task<IReadOnlyList<HealthEvent>> events) => new(await events, []);

    private HttpClient Client() => clients.CreateClient(ProviderHttpExtensions.ClientName(ProviderName));
}
