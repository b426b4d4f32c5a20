using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.AspNetCore.Authentication.OAuth;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Options;
using SkinProgress.Connections.Http;
using SkinProgress.Connections.Mapping;
using SkinProgress.Contracts;

namespace SkinProgress.Connections.Polar;

/// <summary>
/// Polar AccessLink v3: a person is registered with our application on connect and deleted on revoke; exercises are
/// fetched as FIT files. Polar issues no refresh tokens: its access tokens last years, and a refused one means the
/// person connects again.
/// </summary>
public sealed class PolarProvider(IOptions<PolarOptions> settings, IHttpClientFactory clients, TimeProvider time) : IConnectionProvider
{
    public const string ProviderName = "polar";

    private PolarOptions Options => settings.Value;

    public string Name => ProviderName;

    public string DisplayName => "Polar";

    public bool IsConfigured => Options.IsConfigured;

    public void ConfigureOAuth(OAuthOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        Options.ApplyTo(options, "accesslink.read_all");
        options.BackchannelHttpHandler = new PolarTokenHandler(new SocketsHttpHandler());
    }

    public string ReadOwnerId(OAuthCreatingTicketContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        return OwnerId(context.TokenResponse.Response?.RootElement) ?? throw new InvalidOperationException("Polar's token response names no user.");
    }

    internal static string? OwnerId(JsonElement? tokenResponse) => tokenResponse?.Text("x_user_id") is { Length: > 0 } id ? id : null;

    /// <summary>Registers the person with our application (<c>POST /users</c>); 409 means already registered.</summary>
    public async Task OnConnectedAsync(ProviderSession session, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(session);
        using var request = Request(HttpMethod.Post, session, "users");
        request.Content = JsonContent.Create(new Dictionary<string, string> { ["member-id"] = session.OwnerId });
        using var response = await Client().SendAsync(request, cancellationToken);
        if (response.StatusCode != HttpStatusCode.Conflict)
        {
            ProviderResponses.EnsureSuccess(response, ProviderName);
        }
    }

    public Task<WebhookReading> ReadWebhookAsync(HttpRequest request, CancellationToken cancellationToken) =>
        PolarWebhook.ReadAsync(request, Options.WebhookSecret ?? "", cancellationToken);

    public async Task<ProviderChanges> FetchAsync(ProviderSession session, ProviderNotification notification, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(notification);
        if (notification.Kind != NotificationKind.ObjectChanged || notification.ObjectId is not { } id || !PolarExercises.IsId(id))
        {
            return ProviderChanges.None;
        }

        return await FetchExerciseAsync(session, id, cancellationToken);
    }

    /// <summary>AccessLink lists the last 30 days of exercises; those that started within the range are fetched.</summary>
    public async Task<ProviderChanges> FetchRangeAsync(ProviderSession session, DateTimeOffset from, DateTimeOffset to, CancellationToken cancellationToken)
    {
        IReadOnlyList<string> ids;
        using (var request = Request(HttpMethod.Get, session, "exercises"))
        using (var response = await Client().SendAsync(request, cancellationToken))
        using (var document = await ProviderResponses.JsonAsync(response, ProviderName, cancellationToken))
        {
            ids = PolarExercises.IdsWithin(document.RootElement, from, to);
        }

        var events = new List<HealthEvent>();
        var removed = new List<string>();
        foreach (var id in ids)
        {
            var changes = await FetchExerciseAsync(session, id, cancellationToken);
            events.AddRange(changes.Events);
            removed.AddRange(changes.RemovedIds);
        }

        return new ProviderChanges(events, removed);
    }

    public Task<TokenSet> RefreshAsync(string refreshToken, CancellationToken cancellationToken) =>
        throw new ReauthorizationRequiredException("Polar issues no refresh tokens: the person must connect again.");

    /// <summary>Deletes the person's registration (<c>DELETE /users/{id}</c>), which ends our access; 404 is already gone.</summary>
    public async Task RevokeAsync(ProviderSession session, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(session);
        using var request = Request(HttpMethod.Delete, session, $"users/{Uri.EscapeDataString(session.OwnerId)}");
        using var response = await Client().SendAsync(request, cancellationToken);
        if (response.StatusCode is not (HttpStatusCode.NotFound or HttpStatusCode.Unauthorized))
        {
            ProviderResponses.EnsureSuccess(response, ProviderName);
        }
    }

    private async Task<ProviderChanges> FetchExerciseAsync(ProviderSession session, string id, CancellationToken cancellationToken)
    {
        using var request = Request(HttpMethod.Get, session, $"exercises/{id}/fit");
        request.Headers.Accept.ParseAdd("application/octet-stream");
        using var response = await Client().SendAsync(request, cancellationToken);
        if (response.StatusCode == HttpStatusCode.NotFound)
        {
            return new ProviderChanges([], [id]);
        }

        ProviderResponses.EnsureSuccess(response, ProviderName);
        using var fit = new MemoryStream(await response.Content.ReadAsByteArrayAsync(cancellationToken), writable: false);
        return new ProviderChanges(PolarExercises.FromFit(id, fit, time.GetUtcNow()), []);
    }

    private HttpRequestMessage Request(HttpMethod method, ProviderSession session, string relative)
    {
        var request = new HttpRequestMessage(method, Options.Api(relative));
        request.Headers.Authorization = new("Bearer", session.AccessToken);
        return request;
    }

    private HttpClient Client() => clients.CreateClient(ProviderHttpExtensions.ClientName(ProviderName));
}
