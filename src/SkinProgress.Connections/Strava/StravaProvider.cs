using System.Net;
using System.Text.Json;
using Microsoft.AspNetCore.Authentication.OAuth;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Options;
using SkinProgress.Connections.Http;
using SkinProgress.Connections.Mapping;
using SkinProgress.Connections.OAuth;
using SkinProgress.Contracts;

namespace SkinProgress.Connections.Strava;

/// <summary>Strava API v3: activities as workouts, push subscriptions, deauthorization.</summary>
public sealed class StravaProvider(IOptions<StravaOptions> settings, IHttpClientFactory clients, TimeProvider time) : IConnectionProvider
{
    public const string ProviderName = "strava";

    /// <summary>The largest page <c>GET /athlete/activities</c> serves.</summary>
    internal const int PageSize = 200;

    private StravaOptions Options => settings.Value;

    public string Name => ProviderName;

    public string DisplayName => "Strava";

    public bool IsConfigured => Options.IsConfigured;

    public void ConfigureOAuth(OAuthOptions options)
    {
        Options.ApplyTo(options, "read,activity:read_all");
    }

    public string ReadOwnerId(OAuthCreatingTicketContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        return OwnerId(context.TokenResponse.Response?.RootElement)
            ?? throw new InvalidOperationException("Strava's token response names no athlete.");
    }

    internal static string? OwnerId(JsonElement? tokenResponse) =>
        tokenResponse?.Property("athlete") is { } athlete && athlete.Text("id") is { Length: > 0 } id ? id : null;

    public Task OnConnectedAsync(ProviderSession session, CancellationToken cancellationToken) => Task.CompletedTask;

    public Task<WebhookReading> ReadWebhookAsync(HttpRequest request, CancellationToken cancellationToken) =>
        StravaWebhook.ReadAsync(request, Options.VerifyToken ?? "", cancellationToken);

    public async Task<ProviderChanges> FetchAsync(ProviderSession session, ProviderNotification notification, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(session);
        ArgumentNullException.ThrowIfNull(notification);
        switch (notification.Kind)
        {
            case NotificationKind.ObjectDeleted when notification.ObjectId is { } deleted:
                return new ProviderChanges([], [deleted]);
            case NotificationKind.ObjectChanged when notification.ObjectId is { } id:
                using (var request = Get(session, $"activities/{Uri.EscapeDataString(id)}"))
                using (var response = await Client().SendAsync(request, cancellationToken))
                {
                    // Gone (deleted or made private to us) between the event and the fetch: what we hold goes too.
                    if (response.StatusCode == HttpStatusCode.NotFound)
                    {
                        return new ProviderChanges([], [id]);
                    }

                    using var document = await ProviderResponses.JsonAsync(response, ProviderName, cancellationToken);
                    var mapped = StravaActivityMapper.Map(document.RootElement, time.GetUtcNow());
                    return mapped is null ? new ProviderChanges([], [id]) : new ProviderChanges([mapped], []);
                }

            default:
                return ProviderChanges.None;
        }
    }

    public async Task<ProviderChanges> FetchRangeAsync(ProviderSession session, DateTimeOffset from, DateTimeOffset to, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(session);
        var events = new List<HealthEvent>();
        for (var page = 1; ; page++)
        {
            var query = FormattableString.Invariant($"athlete/activities?after={from.ToUnixTimeSeconds()}&before={to.ToUnixTimeSeconds()}&page={page}&per_page={PageSize}");
            using var request = Get(session, query);
            using var response = await Client().SendAsync(request, cancellationToken);
            using var document = await ProviderResponses.JsonAsync(response, ProviderName, cancellationToken);
            var root = document.RootElement;
            events.AddRange(StravaActivityMapper.MapList(root, time.GetUtcNow()));
            if (root.ValueKind != JsonValueKind.Array || root.GetArrayLength() < PageSize)
            {
                return new ProviderChanges(events, []);
            }
        }
    }

    public async Task<TokenSet> RefreshAsync(string refreshToken, CancellationToken cancellationToken)
    {
        using var content = new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["client_id"] = Options.ClientId ?? "",
            ["client_secret"] = Options.ClientSecret ?? "",
            ["grant_type"] = "refresh_token",
            ["refresh_token"] = refreshToken,
        });
        using var response = await Client().PostAsync(Options.TokenUrl, content, cancellationToken);
        // Strava refuses an unknown or withdrawn refresh token with 400 (or 401); the grant is gone.
        if (response.StatusCode is HttpStatusCode.BadRequest or HttpStatusCode.Unauthorized)
        {
            throw new ReauthorizationRequiredException($"Strava refused the refresh token ({(int)response.StatusCode}).");
        }

        using var document = await ProviderResponses.JsonAsync(response, ProviderName, cancellationToken);
        return TokenResponse.Read(document.RootElement, time.GetUtcNow())
            ?? throw new HttpRequestException("Strava's refresh answer carries no access token.");
    }

    public async Task RevokeAsync(ProviderSession session, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(session);
        using var content = new FormUrlEncodedContent(new Dictionary<string, string> { ["access_token"] = session.AccessToken });
        using var response = await Client().PostAsync(Options.DeauthorizeUrl, content, cancellationToken);
        // A token Strava no longer knows is a grant already withdrawn.
        if (response.StatusCode != HttpStatusCode.Unauthorized)
        {
            ProviderResponses.EnsureSuccess(response, ProviderName);
        }
    }

    private HttpClient Client() => clients.CreateClient(ProviderHttpExtensions.ClientName(ProviderName));

    private HttpRequestMessage Get(ProviderSession session, string relative)
    {
        var request = new HttpRequestMessage(HttpMethod.Get, Options.Api(relative));
        request.Headers.Authorization = new("Bearer", session.AccessToken);
        return request;
    }
}
