using System.Text.Json;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Microsoft.Net.Http.Headers;
using SkinProgress.Api.Auth;
using SkinProgress.Api.Security;
using SkinProgress.Data;
using SkinProgress.Email.Messages;

namespace SkinProgress.Api.Me;

public sealed record SummaryListItem(DateOnly WeekStart, DateTimeOffset CompiledAt, DateTimeOffset? SentAt, string Href);

public static class SummaryEndpoints
{
    public static RouteGroupBuilder MapSummaries(this RouteGroupBuilder v1)
    {
        var me = v1.MapGroup("/me/summaries").RequireAuthorization(AuthExtensions.UserPolicy).WithTags("Me");
        me.MapGet("/", List).WithSummary("The user's weekly summaries, newest first.");
        me.MapGet("/{weekStart}", Get)
            .WithSummary("One weekly summary: JSON, or with Accept: text/html the HTML the email carried.")
            .Produces<JsonElement>(StatusCodes.Status200OK, "application/json", "text/html");
        return v1;
    }

    public static async Task<Ok<List<SummaryListItem>>> List(HttpContext context, SkinProgressDbContext db, CancellationToken ct)
    {
        var userId = Credential.From(context.User).RequireUser();
        var rows = await db.WeeklySummaries.AsNoTracking().Where(s => s.UserId == userId).OrderByDescending(s => s.WeekStart)
            .Select(s => new { s.WeekStart, s.CompiledAt, s.SentAt }).ToListAsync(ct);
        return TypedResults.Ok(rows.Select(r => new SummaryListItem(r.WeekStart, r.CompiledAt, r.SentAt, $"/v1/me/summaries/{r.WeekStart:yyyy-MM-dd}")).ToList());
    }

    public static async Task<Results<ContentHttpResult, NotFound>> Get(DateOnly weekStart, HttpContext context, SkinProgressDbContext db, CancellationToken ct)
    {
        var userId = Credential.From(context.User).RequireUser();
        var row = await db.WeeklySummaries.AsNoTracking().FirstOrDefaultAsync(s => s.UserId == userId && s.WeekStart == weekStart, ct);
        if (row is null)
        {
            return TypedResults.NotFound();
        }

        var wantsHtml = context.Request.GetTypedHeaders().Accept
            .Any(a => a.MediaType.Equals("text/html", StringComparison.OrdinalIgnoreCase) && a.Quality is not 0);
        if (!wantsHtml)
        {
            return TypedResults.Content(row.Summary, "application/json; charset=utf-8");
        }

        // Email HTML carries its styles in attributes (mail clients drop <style>). Allowing them risks little: the page
        // may run no script, and may load no image but data: URIs, so a style cannot send anything anywhere.
        context.Csp().Allow("style-src-attr", "'unsafe-inline'");
        // In a browser there is no MIME part to point at: the chart goes inline as a data URI instead of cid:.
        return TypedResults.Content(row.Html.Replace($"cid:{SummaryEmail.ChartContentId}", $"data:image/png;base64,{Convert.ToBase64String(row.ChartPng)}", StringComparison.Ordinal), "text/html; charset=utf-8");
    }
}
