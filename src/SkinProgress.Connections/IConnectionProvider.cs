using Microsoft.AspNetCore.Authentication.OAuth;
using Microsoft.AspNetCore.Http;

namespace SkinProgress.Connections;

/// <summary>
/// What one tracker's cloud does for SkinProgress. A provider is one folder holding its implementation of this
/// interface and its registration; the Api (connect, webhooks) and the Worker (fetch, backfill, revoke) only ever
/// talk to providers through it.
/// </summary>
public interface IConnectionProvider
{
    /// <summary>Lower-case name: the route segment, the connection's device source and its events' source.</summary>
    string Name { get; }

    /// <summary>The name a person knows, for the connect page and the email.</summary>
    string DisplayName { get; }

    /// <summary>Offered only when configured with a client id.</summary>
    bool IsConfigured { get; }

    /// <summary>Sets up ASP.NET Core's OAuth handler for this provider's authorization-code flow.</summary>
    void ConfigureOAuth(OAuthOptions options);

    /// <summary>The person's id at the provider, read from a completed token exchange.</summary>
    string ReadOwnerId(OAuthCreatingTicketContext context);

    /// <summary>What the provider needs once a person has connected (a user registration, notification subscriptions).</summary>
    Task OnConnectedAsync(ProviderSession session, CancellationToken cancellationToken);

    /// <summary>Verifies a webhook request as the provider documents and reads what it names; never trusted as data.</summary>
    Task<WebhookReading> ReadWebhookAsync(HttpRequest request, CancellationToken cancellationToken);

    /// <summary>Fetches, with the owner's token, what a notification names, mapped to events and removals.</summary>
    Task<ProviderChanges> FetchAsync(ProviderSession session, ProviderNotification notification, CancellationToken cancellationToken);

    /// <summary>Fetches everything in a time range (the backfill), mapped to events.</summary>
    Task<ProviderChanges> FetchRangeAsync(ProviderSession session, DateTimeOffset from, DateTimeOffset to, CancellationToken cancellationToken);

    /// <summary>Exchanges a refresh token; throws <see cref="ReauthorizationRequiredException"/> when the provider refuses it.</summary>
    Task<TokenSet> RefreshAsync(string refreshToken, CancellationToken cancellationToken);

    /// <summary>Revokes the grant at the provider where it offers that; otherwise does nothing.</summary>
    Task RevokeAsync(ProviderSession session, CancellationToken cancellationToken);
}
