using System.Buffers.Text;
using System.Security.Cryptography;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using SkinProgress.Api.Auth;
using SkinProgress.Api.Problems;
using SkinProgress.Data;
using SkinProgress.Data.Connections;

namespace SkinProgress.Api.Connections;

public sealed record ConnectLinkCreated(string Url, DateTimeOffset ExpiresAt);

public static class ConnectionEndpoints
{
    public static readonly TimeSpan LinkLifetime = TimeSpan.FromMinutes(15);

    /// <summary>A token is 43 characters; anything much longer is not one and is not hashed.</summary>
    public const int MaxTokenLength = 64;

    public static RouteGroupBuilder MapConnections(this RouteGroupBuilder v1)
    {
        var me = v1.MapGroup("/me/connections").RequireAuthorization(AuthExtensions.UserPolicy).WithTags("Connections");
        me.MapGet("/", List).WithSummary("Each configured provider with the user's connection state (not_connected, backfilling, connected, reauthorization_required).");
        me.MapPost("/link", CreateLink).WithSummary("A single-use link to the connect page, valid for 15 minutes.");
        me.MapDelete("/{provider}", Delete).WithSummary("Disconnect a provider: its events are removed and the grant revoked at the provider.")
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status503ServiceUnavailable);
        return v1;
    }

    public static async Task<Ok<IReadOnlyList<ConnectionStatus>>> List(
        HttpContext context, ConnectionProviders providers, SkinProgressDbContext db, TimeProvider time, CancellationToken ct) =>
        TypedResults.Ok(await ConnectionStatus.ForUserAsync(Credential.From(context.User).RequireUser(), providers, db, time, ct));

    public static async Task<Ok<ConnectLinkCreated>> CreateLink(
        HttpContext context, SkinProgressDbContext db, IOptions<PublicUrlOptions> publicUrl, TimeProvider time, CancellationToken ct)
    {
        var now = time.GetUtcNow();
        var token = Base64Url.EncodeToString(RandomNumberGenerator.GetBytes(32));
        var link = new ConnectLink
        {
            Id = Guid.CreateVersion7(now),
            UserId = Credential.From(context.User).RequireUser(),
            Hash = ApiKeys.Hash(token),
            CreatedAt = now,
            ExpiresAt = now + LinkLifetime,
        };
        // The user's links expired for a day go as a new one is made: the table stays small, and a link replayed
        // within a day is still told apart (410, used or expired) from one that never existed (404).
        await db.ConnectLinks.Where(l => l.UserId == link.UserId && l.ExpiresAt < now.AddDays(-1)).ExecuteDeleteAsync(ct);
        db.ConnectLinks.Add(link);
        await db.SaveChangesAsync(ct);
        return TypedResults.Ok(new ConnectLinkCreated($"{publicUrl.Value.BaseUrlFor(context.Request)}{ConnectSession.Path}/link/{token}", link.ExpiresAt));
    }

    public static async Task<Results<NoContent, ProblemHttpResult>> Delete(string provider, HttpContext context, ConnectionRemoval removal, CancellationToken ct)
    {
        switch (await removal.RemoveAsync(Credential.From(context.User).RequireUser(), provider, ct))
        {
            case RemovalOutcome.NotConnected:
                return TypedResults.Problem(ProblemsExtensions.Problem(StatusCodes.Status404NotFound, ProblemTypes.NotFound,
                    "Not connected.", $"There is no connection to '{provider}' to remove."));
            case RemovalOutcome.BrokerUnavailable:
                context.Response.Headers.RetryAfter = "5";
                return TypedResults.Problem(ProblemsExtensions.Problem(StatusCodes.Status503ServiceUnavailable, ProblemTypes.BrokerUnavailable,
                    "The event queue is unavailable.", "Nothing was disconnected. Retry after the time in Retry-After."));
            default:
                return TypedResults.NoContent();
        }
    }
}
