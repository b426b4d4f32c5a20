using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using SkinProgress.Api.Auth;
using SkinProgress.Api.Ingest;
using SkinProgress.Api.Problems;
using SkinProgress.Contracts;
using SkinProgress.Data;
using SkinProgress.Data.Users;
using SkinProgress.Sources;

namespace SkinProgress.Api.Me;

public static class SourcesEndpoints
{
    public static RouteGroupBuilder MapSources(this RouteGroupBuilder v1)
    {
        var sources = v1.MapGroup("/me/sources").RequireAuthorization(AuthExtensions.UserPolicy).WithTags("Me");
        sources.MapGet("/", Get).WithSummary("Which source counts first, per data type, when several report the same thing.");
        sources.MapPut("/", Put).WithSummary("Set the source order per data type; a type left out ranks by default. Recomputes every day.")
            .ProducesProblem(StatusCodes.Status503ServiceUnavailable);
        return v1;
    }

    public static async Task<Results<Ok<SourcesResponse>, NotFound>> Get(HttpContext context, SkinProgressDbContext db, CancellationToken ct)
    {
        var userId = Credential.From(context.User).RequireUser();
        var user = await db.Users.AsNoTracking().Where(u => u.Id == userId).Select(u => new { u.SourcePriorities }).FirstOrDefaultAsync(ct);
        return user is null ? TypedResults.NotFound() : TypedResults.Ok(SourcesResponse.From(SourcePrioritiesJson.Read(user.SourcePriorities)));
    }

    public static async Task<Results<Ok<SourcesResponse>, NotFound, ValidationProblem, ProblemHttpResult>> Put(
        SourcesRequest request, HttpContext context, SkinProgressDbContext db, BatchPublisher publisher, TimeProvider time, CancellationToken ct)
    {
        var errors = request.Validate();
        if (errors.Count > 0)
        {
            return TypedResults.ValidationProblem(errors, type: ProblemTypes.Validation);
        }

        var userId = Credential.From(context.User).RequireUser();
        var user = await db.Users.FirstOrDefaultAsync(u => u.Id == userId, ct);
        if (user is null)
        {
            return TypedResults.NotFound();
        }

        var priorities = request.ToPriorities();
        var previous = user.SourcePriorities;
        user.SourcePriorities = SourcePrioritiesJson.Write(priorities);
        var before = SourcePrioritiesJson.Read(previous);
        var changed = Enum.GetValues<PriorityKind>().Any(kind => !before.Effective(kind).SequenceEqual(priorities.Effective(kind)));
        await db.SaveChangesAsync(ct);

        // As with a time zone: announced after the commit so the Worker reads the new order, and put back if the
        // broker refuses, so stored days never silently disagree with the priorities.
        if (changed && !await publisher.TryPublishAsync(new UserSourcePrioritiesChanged(userId, time.GetUtcNow()), ct))
        {
            await db.Users.Where(u => u.Id == userId && u.SourcePriorities == user.SourcePriorities)
                .ExecuteUpdateAsync(u => u.SetProperty(x => x.SourcePriorities, previous), CancellationToken.None);
            context.Response.Headers.RetryAfter = "5";
            return TypedResults.Problem(ProblemsExtensions.Problem(StatusCodes.Status503ServiceUnavailable, ProblemTypes.BrokerUnavailable,
                "The event queue is unavailable.", "The source order was not changed. Retry after the time in Retry-After."));
        }

        return TypedResults.Ok(SourcesResponse.From(priorities));
    }
}
