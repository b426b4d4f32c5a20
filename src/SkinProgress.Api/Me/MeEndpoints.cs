using System.Text.Json;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using SkinProgress.Api.Auth;
using SkinProgress.Api.Ingest;
using SkinProgress.Api.Problems;
using SkinProgress.Contracts;
using SkinProgress.Data;
using SkinProgress.Days;

namespace SkinProgress.Api.Me;

public static class MeEndpoints
{
    public const int MaxDays = 366;

    public static RouteGroupBuilder MapMe(this RouteGroupBuilder v1)
    {
        var me = v1.MapGroup("/me").RequireAuthorization(AuthExtensions.UserPolicy).WithTags("Me");
        me.MapGet("/", GetProfile).WithSummary("The user's profile.");
        me.MapPut("/profile", PutProfile).WithSummary("Update profile fields; a changed time zone recomputes every day.")
            .ProducesProblem(StatusCodes.Status503ServiceUnavailable);
        me.MapGet("/days", GetDays).WithSummary("Daily totals in the user's time zone, at most 366 days.");
        return v1;
    }

    public static async Task<Results<Ok<ProfileResponse>, NotFound>> GetProfile(HttpContext context, SkinProgressDbContext db, CancellationToken ct)
    {
        var userId = Credential.From(context.User).RequireUser();
        var user = await db.Users.AsNoTracking().FirstOrDefaultAsync(u => u.Id == userId, ct);
        return user is null ? TypedResults.NotFound() : TypedResults.Ok(ProfileResponse.From(user));
    }

    public static async Task<Results<Ok<ProfileResponse>, NotFound, ValidationProblem, ProblemHttpResult>> PutProfile(
        ProfileRequest request, HttpContext context, SkinProgressDbContext db, BatchPublisher publisher, TimeProvider time, CancellationToken ct)
    {
        var now = time.GetUtcNow();
        var errors = request.Validate(DateOnly.FromDateTime(now.UtcDateTime));
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

        var previousZone = user.TimeZone;
        request.ApplyTo(user);
        await db.SaveChangesAsync(ct);

        // The recompute is announced after the commit, so the Worker reads the new zone. If the broker refuses,
        // the zone is put back, so stored days never silently disagree with the profile.
        if (user.TimeZone != previousZone && !await publisher.TryPublishAsync(new UserTimeZoneChanged(userId, user.TimeZone, now), ct))
        {
            await db.Users.Where(u => u.Id == userId && u.TimeZone == user.TimeZone)
                .ExecuteUpdateAsync(u => u.SetProperty(x => x.TimeZone, previousZone), CancellationToken.None);
            context.Response.Headers.RetryAfter = "5";
            return TypedResults.Problem(ProblemsExtensions.Problem(StatusCodes.Status503ServiceUnavailable, ProblemTypes.BrokerUnavailable,
                "The event queue is unavailable.", "The time zone was not changed. Retry after the time in Retry-After."));
        }

        return TypedResults.Ok(ProfileResponse.From(user));
    }

    public static async Task<Results<Ok<DaysResponse>, ValidationProblem, NotFound>> GetDays(
        DateOnly? from, DateOnly? to, HttpContext context, SkinProgressDbContext db, CancellationToken ct)
    {
        var errors = new Dictionary<string, string[]>(StringComparer.Ordinal);
        if (from is null)
        {
            errors["from"] = ["Required, as YYYY-MM-DD."];
        }

        if (to is null)
        {
            errors["to"] = ["Required, as YYYY-MM-DD."];
        }

        if (from is { } f && to is { } t && (t < f || t.DayNumber - f.DayNumber + 1 > MaxDays))
        {
            errors["to"] = [$"Must be on or after 'from' and at most {MaxDays} days from it."];
        }

        if (errors.Count > 0)
        {
            return TypedResults.ValidationProblem(errors, type: ProblemTypes.Validation);
        }

        var userId = Credential.From(context.User).RequireUser();
        var zone = await db.Users.Where(u => u.Id == userId).Select(u => u.TimeZone).FirstOrDefaultAsync(ct);
        if (zone is null)
        {
            return TypedResults.NotFound();
        }

        var rows = await db.DailyTotals.AsNoTracking()
            .Where(d => d.UserId == userId && d.LocalDate >= from!.Value && d.LocalDate <= to!.Value)
            .OrderBy(d => d.LocalDate)
            .ToListAsync(ct);

        return TypedResults.Ok(new DaysResponse(from!.Value, to!.Value, zone, [.. rows.Select(DayView.From)]));
    }
}

/// <summary>The days that have data, in the user's time zone; days with nothing logged are left out.</summary>
public sealed record DaysResponse(DateOnly From, DateOnly To, string TimeZone, IReadOnlyList<DayView> Days);
