using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using SkinProgress.Api.Auth;
using SkinProgress.Data;

namespace SkinProgress.Api.Admin;

/// <summary>One weekly email that will not go out: whose, which week, when it was given up, and why.</summary>
public sealed record SummarySendFailure(Guid UserId, string Email, DateOnly WeekStart, DateTimeOffset FailedAt, string Reason);

public static class SummaryFailureEndpoints
{
    /// <summary>A list to act on, not an export.</summary>
    public const int Limit = 500;

    public static RouteGroupBuilder MapSummaryFailures(this RouteGroupBuilder v1)
    {
        v1.MapGet("/admin/summaries/failures", List)
            .RequireAuthorization(AuthExtensions.AdminPolicy)
            .WithTags("Admin")
            .WithSummary($"Weekly emails that could not be sent (an unusable address, or refused by the SMTP server), and why; newest first, at most {Limit}.");
        return v1;
    }

    public static async Task<Ok<List<SummarySendFailure>>> List(DateOnly? weekStart, SkinProgressDbContext db, CancellationToken ct)
    {
        var failures = await db.WeeklySummaries.AsNoTracking()
            .Where(s => s.SendFailedAt != null && (weekStart == null || s.WeekStart == weekStart))
            .OrderByDescending(s => s.SendFailedAt)
            .Take(Limit)
            .Join(db.Users, s => s.UserId, u => u.Id, (s, u) => new SummarySendFailure(s.UserId, u.Email, s.WeekStart, s.SendFailedAt!.Value, s.SendFailure ?? ""))
            .ToListAsync(ct);
        return TypedResults.Ok(failures);
    }
}
