using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using SkinProgress.Api.Auth;
using SkinProgress.Api.Ingest;
using SkinProgress.Api.Problems;
using SkinProgress.Contracts;
using SkinProgress.Data;
using SkinProgress.Events;

namespace SkinProgress.Api.Admin;

public sealed record SummaryRunRequest(Guid? UserId, DateOnly? WeekStart);

public sealed record SummaryRunAccepted(Guid RunId, Guid? UserId, DateOnly? WeekStart);

public static class SummaryRunEndpoints
{
    public static RouteGroupBuilder MapSummaryRuns(this RouteGroupBuilder v1)
    {
        v1.MapPost("/admin/summaries/run", Run)
            .RequireAuthorization(AuthExtensions.AdminPolicy)
            .WithTags("Admin")
            .WithSummary("Compile and send summaries now: one user or everybody due, a given week or the last completed one.")
            .ProducesProblem(StatusCodes.Status503ServiceUnavailable);
        return v1;
    }

    public static async Task<Results<Accepted<SummaryRunAccepted>, ValidationProblem, NotFound, ProblemHttpResult>> Run(
        SummaryRunRequest? request, HttpContext context, SkinProgressDbContext db, BatchPublisher publisher, TimeProvider time, CancellationToken ct)
    {
        request ??= new SummaryRunRequest(null, null);
        var now = time.GetUtcNow();
        // Weeks before the earliest event the contract accepts hold nothing, and near year 1 they cannot even be computed.
        var earliest = DateOnly.FromDateTime(EventLimits.Earliest.UtcDateTime);
        if (request.WeekStart is { } week && (week > DateOnly.FromDateTime(now.UtcDateTime) || week < earliest))
        {
            return TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["weekStart"] = [$"Must be from {earliest:yyyy-MM-dd} to today."] },
                type: ProblemTypes.Validation);
        }

        if (request.UserId is { } userId && !await db.Users.AnyAsync(u => u.Id == userId, ct))
        {
            return TypedResults.NotFound();
        }

        var run = new SummaryRunRequested(Guid.NewGuid(), request.UserId, request.WeekStart, now);
        if (!await publisher.TryPublishAsync(run, ct))
        {
            context.Response.Headers.RetryAfter = "5";
            return TypedResults.Problem(ProblemsExtensions.Problem(StatusCodes.Status503ServiceUnavailable, ProblemTypes.BrokerUnavailable,
                "The job queue is unavailable.", "Nothing was started. Retry after the time in Retry-After."));
        }

        return TypedResults.Accepted((string?)null, new SummaryRunAccepted(run.RunId, run.UserId, run.WeekStart));
    }
}
