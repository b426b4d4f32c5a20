using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.OAuth;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using SkinProgress.Api.Auth;
using SkinProgress.Api.Security;
using SkinProgress.Data;
using SkinProgress.Data.Connections;

namespace SkinProgress.Api.Connections;

/// <summary>
/// The connect page, server-rendered: opened from a single-use link, it lists each configured provider and connects
/// or disconnects it with plain forms (antiforgery-checked), each answered with a redirect so a reload repeats nothing.
/// </summary>
public static class ConnectPages
{
    public static RouteGroupBuilder MapConnectPages(this RouteGroupBuilder v1)
    {
        var pages = v1.MapGroup("/connections").WithTags("Connections").AllowAnonymous();
        pages.MapGet("/link/{token}", OpenLink)
            .WithSummary("Opens a connect link: starts a short connect session (a cookie) and redirects to the page; a used or expired link answers 410.");
        pages.MapGet("/reconnect/{token}", Reconnect)
            .WithSummary("Opens the weekly email's reconnect link (valid 14 days, not used up): starts a connect session and redirects to the page while a connection needs re-authorisation.");
        pages.MapGet("/", Show).WithSummary("The connect page (HTML; needs the session a connect link starts).");
        // The page's own forms, for its browser session, not for clients: they answer people with pages, as the admin
        // pages' forms do, and stay out of the API's contract (docs/api.md describes them).
        pages.MapPost("/{provider}/connect", Connect).ExcludeFromDescription();
        pages.MapPost("/{provider}/disconnect", Disconnect).ExcludeFromDescription();
        return v1;
    }

    public static async Task<Results<RedirectHttpResult, RazorComponentResult<ConnectMessagePage>>> OpenLink(
        string token, HttpContext context, SkinProgressDbContext db, TimeProvider time, CancellationToken ct)
    {
        var now = time.GetUtcNow();
        var hash = ApiKeys.Hash(token);
        var link = token.Length <= ConnectionEndpoints.MaxTokenLength
            ? await db.ConnectLinks.AsNoTracking().Where(l => l.Hash == hash).Select(l => new { l.Id, l.UserId }).FirstOrDefaultAsync(ct)
            : null;
        if (link is null)
        {
            return Message(StatusCodes.Status404NotFound, "Unknown link", "This connect link is not valid. Ask the app for a new one.");
        }

        // One conditional update takes the link, so two browsers opening it at once cannot both get a session.
        var taken = await db.ConnectLinks.Where(l => l.Id == link.Id && l.UsedAt == null && l.ExpiresAt > now)
            .ExecuteUpdateAsync(s => s.SetProperty(l => l.UsedAt, now), ct);
        if (taken == 0)
        {
            return Message(StatusCodes.Status410Gone, "Link used or expired",
                $"This connect link was already used or is more than {(int)ConnectionEndpoints.LinkLifetime.TotalMinutes} minutes old. Each link opens the page once: ask the app for a new one.");
        }

        return await StartSessionAsync(context, link.UserId, now);
    }

    /// <summary>
    /// The weekly email's link. Mail scanners open every link in a message, so opening it uses nothing up: it starts a
    /// session as a connect link does, for as long as its token lasts and one of the user's connections still needs
    /// re-authorisation, which is all the link was sent for.
    /// </summary>
    public static async Task<Results<RedirectHttpResult, RazorComponentResult<ConnectMessagePage>>> Reconnect(
        string token, HttpContext context, ReconnectTokens tokens, SkinProgressDbContext db, TimeProvider time, CancellationToken ct)
    {
        if (tokens.Read(token) is not { } userId)
        {
            return Message(StatusCodes.Status410Gone, "Link expired",
                $"This reconnect link is not valid or is more than {(int)ReconnectTokens.Lifetime.TotalDays} days old. Your latest weekly email has a fresh one, or ask the app for a connect link.");
        }

        if (!await db.Connections.AnyAsync(c => c.UserId == userId && c.State == ConnectionStates.ReauthorizationRequired && c.RemovedAt == null, ct))
        {
            return Message(StatusCodes.Status410Gone, "Nothing to reconnect",
                "Your accounts no longer need reconnecting. To change them, ask the app for a connect link.");
        }

        return await StartSessionAsync(context, userId, time.GetUtcNow());
    }

    public static async Task<Results<RazorComponentResult<ConnectPage>, RazorComponentResult<ConnectMessagePage>>> Show(
        HttpContext context, ConnectionProviders providers, IOptionsMonitor<OAuthOptions> oauth, SkinProgressDbContext db, TimeProvider time, CancellationToken ct)
    {
        if (await ConnectSession.ReadAsync(context) is not { } session)
        {
            return NoSession();
        }

        var statuses = await ConnectionStatus.ForUserAsync(session.UserId, providers, db, time, ct);
        // Connect posts to this server, which redirects to the provider: browsers hold that redirect to form-action too.
        foreach (var provider in providers.Configured)
        {
            if (Uri.TryCreate(oauth.Get(ConnectionProviders.SchemeOf(provider.Name)).AuthorizationEndpoint, UriKind.Absolute, out var authorize))
            {
                context.Csp().Allow("form-action", authorize.GetLeftPart(UriPartial.Authority));
            }
        }

        return new RazorComponentResult<ConnectPage>(new { Connections = statuses });
    }

    public static async Task<Results<ChallengeHttpResult, RazorComponentResult<ConnectMessagePage>>> Connect(
        string provider, HttpContext context, ConnectionProviders providers, IAntiforgery antiforgery)
    {
        if (await CheckFormAsync(context, antiforgery) is { } refused)
        {
            return refused;
        }

        if (providers.Find(provider) is null)
        {
            return Message(StatusCodes.Status404NotFound, "Unknown provider", "No such provider is offered here.", backToPage: true);
        }

        var session = (await ConnectSession.ReadAsync(context))!;
        var properties = new AuthenticationProperties { RedirectUri = ConnectSession.Path };
        properties.Items[ConnectSession.SessionItem] = session.SessionId;
        return TypedResults.Challenge(properties, [ConnectionProviders.SchemeOf(provider)]);
    }

    public static async Task<Results<RedirectHttpResult, RazorComponentResult<ConnectMessagePage>>> Disconnect(
        string provider, HttpContext context, IAntiforgery antiforgery, ConnectionRemoval removal, CancellationToken ct)
    {
        if (await CheckFormAsync(context, antiforgery) is { } refused)
        {
            return refused;
        }

        var session = (await ConnectSession.ReadAsync(context))!;
        if (await removal.RemoveAsync(session.UserId, provider, ct) == RemovalOutcome.BrokerUnavailable)
        {
            context.Response.Headers.RetryAfter = "5";
            return Message(StatusCodes.Status503ServiceUnavailable, "Try again in a moment",
                "Nothing was disconnected: the service is briefly unavailable.", backToPage: true);
        }

        return TypedResults.Redirect(ConnectSession.Path);
    }

    /// <summary>A fresh session for the user (a new session id, so no authorisation started before completes in it), then the page.</summary>
    private static async Task<RedirectHttpResult> StartSessionAsync(HttpContext context, Guid userId, DateTimeOffset now)
    {
        await context.SignInAsync(ConnectSession.SchemeName, ConnectSession.Start(userId).ToPrincipal(),
            new AuthenticationProperties { IsPersistent = false, ExpiresUtc = now + ConnectSession.Lifetime });
        return TypedResults.Redirect(ConnectSession.Path);
    }

    public static RazorComponentResult<ConnectMessagePage> Message(int status, string title, string text, bool backToPage = false) =>
        new(new { Title = title, Text = text, BackToPage = backToPage }) { StatusCode = status };

    /// <summary>A form post needs the page's session and its antiforgery token; otherwise the page that says why.</summary>
    private static async Task<RazorComponentResult<ConnectMessagePage>?> CheckFormAsync(HttpContext context, IAntiforgery antiforgery)
    {
        if (await ConnectSession.ReadAsync(context) is null)
        {
            return NoSession();
        }

        return await antiforgery.IsRequestValidAsync(context)
            ? null
            : Message(StatusCodes.Status400BadRequest, "Form expired", "This form could not be checked. Go back to the page and try again.", backToPage: true);
    }

    private static RazorComponentResult<ConnectMessagePage> NoSession() =>
        Message(StatusCodes.Status401Unauthorized, "Open a connect link",
            "This page opens from a connect link, and its session has ended or was never started. Ask the app for a new link.");
}
