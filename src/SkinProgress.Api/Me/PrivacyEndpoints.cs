using System.Text.Json;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using SkinProgress.Api.Auth;
using Npgsql;
using SkinProgress.Api.Connections;
using SkinProgress.Api.Problems;
using SkinProgress.Data;
using SkinProgress.Data.Users;

namespace SkinProgress.Api.Me;

public static class PrivacyEndpoints
{
    public static RouteGroupBuilder MapPrivacy(this RouteGroupBuilder v1)
    {
        var me = v1.MapGroup("/me").RequireAuthorization(AuthExtensions.UserPolicy).WithTags("Me");
        me.MapGet("/export", Export).WithSummary("Every record held about the user, as JSON.");
        me.MapDelete("/", Erase).WithSummary("Erase the user and everything about them; their connections are revoked at the providers.")
            .ProducesProblem(StatusCodes.Status503ServiceUnavailable);
        return v1;
    }

    public static async Task<Results<Ok<object>, NotFound>> Export(HttpContext context, SkinProgressDbContext db, TimeProvider time, CancellationToken ct)
    {
        var userId = Credential.From(context.User).RequireUser();
        var user = await db.Users.AsNoTracking().FirstOrDefaultAsync(u => u.Id == userId, ct);
        if (user is null)
        {
            return TypedResults.NotFound();
        }

        var devices = await db.Devices.AsNoTracking().Where(d => d.UserId == userId).ToListAsync(ct);
        // Keys are listed without their hashes: the hash is a credential's fingerprint, not data about the person.
        var keys = await db.ApiKeys.AsNoTracking().Where(k => k.UserId == userId)
            .Select(k => new { k.Id, Kind = k.Kind.ToString().ToLowerInvariant(), k.DeviceId, k.CreatedAt, k.RevokedAt }).ToListAsync(ct);
        var events = await db.RawEvents.AsNoTracking().Where(e => e.UserId == userId).OrderBy(e => e.OccurredAt).ToListAsync(ct);
        var days = await db.DailyTotals.AsNoTracking().Where(d => d.UserId == userId).OrderBy(d => d.LocalDate).ToListAsync(ct);
        // Connections without their tokens: a grant to read the person's data elsewhere, not data about them.
        var connections = await db.Connections.AsNoTracking().Where(c => c.UserId == userId).OrderBy(c => c.Provider)
            .Select(c => new { c.Provider, c.OwnerId, c.DeviceId, c.State, c.ConnectedAt, c.LastSyncAt, c.BackfillFrom, c.BackfillTo, c.BackfillDaysDone, c.RemovedAt })
            .ToListAsync(ct);
        var summaries = await db.WeeklySummaries.AsNoTracking().Where(s => s.UserId == userId).OrderBy(s => s.WeekStart)
            .Select(s => new { s.WeekStart, s.CompiledAt, s.SentAt, s.Summary }).ToListAsync(ct);

        return TypedResults.Ok<object>(new
        {
            exportedAt = time.GetUtcNow(),
            profile = ProfileResponse.From(user),
            emailUnsubscribedAt = user.UnsubscribedAt,
            sourcePriorities = SourcesResponse.From(SourcePrioritiesJson.Read(user.SourcePriorities)),
            devices = devices.Select(d => new { d.Id, d.Name, d.Source, d.CreatedAt, d.LastEventAt }),
            keys,
            connections,
            events = events.Select(e => new { e.Source, id = e.ExternalId, e.DeviceId, e.Type, e.OccurredAt, e.LocalDate, e.ReceivedAt, data = e.ToHealthEvent() }),
            days = days.Select(DayView.From),
            summaries = summaries.Select(s => new { s.WeekStart, s.CompiledAt, s.SentAt, summary = JsonDocument.Parse(s.Summary).RootElement }),
        });
    }

    /// <summary>
    /// Removes the user and their events, under the lock scoring takes (<see cref="UserStatements.EraseAsync"/>); the
    /// database cascades to devices, keys, connections, days and summaries. Queued jobs are left alone: they name users
    /// by id and read them when they run, so a user erased meanwhile is skipped. Each live connection's revoke is
    /// published first, carrying its protected tokens, as the rows holding them go; if the broker refuses, nothing is
    /// erased (503), so no grant outlives its user unrevoked.
    /// </summary>
    public static async Task<Results<NoContent, ProblemHttpResult>> Erase(
        HttpContext context, SkinProgressDbContext db, KeyCache keys, ConnectionRemoval connections, CancellationToken ct)
    {
        var userId = Credential.From(context.User).RequireUser();
        if (!await connections.RevokeAllAsync(userId, ct))
        {
            context.Response.Headers.RetryAfter = "5";
            return TypedResults.Problem(ProblemsExtensions.Problem(StatusCodes.Status503ServiceUnavailable, ProblemTypes.BrokerUnavailable,
                "The event queue is unavailable.", "Nothing was erased. Retry after the time in Retry-After."));
        }

        var hashes = await db.ApiKeys.Where(k => k.UserId == userId).Select(k => k.Hash).ToListAsync(ct);
        await using (var transaction = await db.Database.BeginTransactionAsync(ct))
        {
            await UserStatements.EraseAsync((NpgsqlConnection)db.Database.GetDbConnection(), userId, ct);
            await transaction.CommitAsync(ct);
        }

        keys.Forget(hashes);
        return TypedResults.NoContent();
    }
}
