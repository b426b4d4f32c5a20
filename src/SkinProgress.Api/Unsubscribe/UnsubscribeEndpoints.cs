using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using SkinProgress.Data;

namespace SkinProgress.Api.Unsubscribe;

/// <summary>
/// RFC 8058 one-click unsubscribe: the token in the link is the only credential, so it is long and random.
/// POST stops the emails (mail clients post "List-Unsubscribe=One-Click"); GET only shows a page that posts.
/// </summary>
public static class UnsubscribeEndpoints
{
    public static RouteGroupBuilder MapUnsubscribe(this RouteGroupBuilder v1)
    {
        var group = v1.MapGroup("/unsubscribe").WithTags("Email").AllowAnonymous();
        group.MapGet("/{token}", Show).WithSummary("A page with a button that unsubscribes (GET changes nothing).");
        group.MapPost("/{token}", Unsubscribe).WithSummary("One-click unsubscribe from weekly emails (RFC 8058).").DisableAntiforgery();
        return v1;
    }

    public static async Task<Results<RazorComponentResult<UnsubscribePage>, NotFound>> Show(string token, SkinProgressDbContext db, CancellationToken ct)
    {
        var user = await db.Users.Where(u => u.UnsubscribeToken == token && token.Length == 64)
            .Select(u => new { u.UnsubscribedAt }).FirstOrDefaultAsync(ct);
        return user is null
            ? TypedResults.NotFound()
            : new RazorComponentResult<UnsubscribePage>(new { Action = $"/v1/unsubscribe/{token}", Done = user.UnsubscribedAt is not null });
    }

    public static async Task<Results<RazorComponentResult<UnsubscribePage>, NotFound>> Unsubscribe(string token, SkinProgressDbContext db, TimeProvider time, CancellationToken ct)
    {
        var now = time.GetUtcNow();
        var changed = await db.Users.Where(u => u.UnsubscribeToken == token && token.Length == 64)
            .ExecuteUpdateAsync(s => s.SetProperty(u => u.UnsubscribedAt, u => u.UnsubscribedAt ?? now), ct);
        return changed == 0
            ? TypedResults.NotFound()
            : new RazorComponentResult<UnsubscribePage>(new { Action = $"/v1/unsubscribe/{token}", Done = true });
    }
}
