using System.Text.Json;
using Hangfire;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Npgsql;
using SkinProgress.Api.Auth;
using SkinProgress.Data;

namespace SkinProgress.Api.Me;

public static class PrivacyEndpoints
{
    public static RouteGroupBuilder MapPrivacy(this RouteGroupBuilder v1)
    {
        var me = v1.MapGroup("/me").RequireAuthorization(AuthExtensions.UserPolicy).WithTags("Me");
        me.MapGet("/export", Export).WithSummary("Every record held about the user, as JSON.");
        me.MapDelete("/", Erase).WithSummary("Erase the user and everything about them.");
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
        var events = await db.RawEvents.AsNoTracking().Where(e => e.UserId == userId).OrderBy(e => e.OccurredAt)
            .Select(e => new { e.Source, e.ExternalId, e.DeviceId, e.Type, e.OccurredAt, e.LocalDate, e.ReceivedAt, e.Payload }).ToListAsync(ct);
        var days = await db.DailyTotals.AsNoTracking().Where(d => d.UserId == userId).OrderBy(d => d.LocalDate).ToListAsync(ct);
        var summaries = await db.WeeklySummaries.AsNoTracking().Where(s => s.UserId == userId).OrderBy(s => s.WeekStart)
            .Select(s => new { s.WeekStart, s.CompiledAt, s.SentAt, s.Summary }).ToListAsync(ct);

        return TypedResults.Ok<object>(new
        {
            exportedAt = time.GetUtcNow(),
            profile = ProfileResponse.From(user),
            emailUnsubscribedAt = user.UnsubscribedAt,
            devices = devices.Select(d => new { d.Id, d.Name, d.Source, d.CreatedAt, d.LastEventAt }),
            keys,
            events = events.Select(e => new { e.Source, id = e.ExternalId, e.DeviceId, e.Type, e.OccurredAt, e.LocalDate, e.ReceivedAt, data = JsonDocument.Parse(e.Payload).RootElement }),
            days = days.Select(d => d.ToDailyTotals()),
            summaries = summaries.Select(s => new { s.WeekStart, s.CompiledAt, s.SentAt, summary = JsonDocument.Parse(s.Summary).RootElement }),
        });
    }

    /// <summary>
    /// Removes the user row; the database cascades to devices, keys, events, days and summaries. Queued jobs
    /// for this user alone are deleted; chunked jobs naming other users too skip an erased user when they run.
    /// </summary>
    public static async Task<NoContent> Erase(
        HttpContext context, SkinProgressDbContext db, KeyCache keys, IBackgroundJobClient jobs, CancellationToken ct)
    {
        var userId = Credential.From(context.User).RequireUser();
        var queued = await QueuedJobsOfAsync(db, userId, ct);
        var hashes = await db.ApiKeys.Where(k => k.UserId == userId).Select(k => k.Hash).ToListAsync(ct);
        await db.Users.Where(u => u.Id == userId).ExecuteDeleteAsync(ct);
        keys.Forget(hashes);

        foreach (var jobId in queued)
        {
            jobs.Delete(jobId);
        }

        return TypedResults.NoContent();
    }

    private static async Task<List<string>> QueuedJobsOfAsync(SkinProgressDbContext db, Guid userId, CancellationToken ct)
    {
        var ids = new List<string>();
        var connection = (NpgsqlConnection)db.Database.GetDbConnection();
        await db.Database.OpenConnectionAsync(ct);
        try
        {
            await using var command = new NpgsqlCommand("""
                select id::text, arguments::text from hangfire.job
                where statename in ('Enqueued', 'Scheduled', 'Awaiting') and arguments::text like '%' || @user || '%'
                """, connection);
            command.Parameters.AddWithValue("user", userId.ToString());
            await using var reader = await command.ExecuteReaderAsync(ct);
            while (await reader.ReadAsync(ct))
            {
                if (NamesOnly(reader.GetString(1), userId))
                {
                    ids.Add(reader.GetString(0));
                }
            }
        }
        catch (PostgresException e) when (e.SqlState == PostgresErrorCodes.UndefinedTable)
        {
            // Hangfire has not created its schema yet, so nothing can be queued.
        }
        finally
        {
            await db.Database.CloseConnectionAsync();
        }

        return ids;
    }

    /// <summary>Hangfire stores arguments as a JSON array of JSON texts; a job is this user's alone when every id it names is theirs.</summary>
    private static bool NamesOnly(string arguments, Guid userId)
    {
        var named = new List<Guid>();
        // An argument Hangfire supplies itself (the CancellationToken) is stored as null.
        foreach (var argument in (JsonSerializer.Deserialize<string?[]>(arguments) ?? []).OfType<string>())
        {
            using var value = JsonDocument.Parse(argument);
            var items = value.RootElement.ValueKind == JsonValueKind.Array ? value.RootElement.EnumerateArray().ToList() : [value.RootElement];
            named.AddRange(items.Where(i => i.ValueKind == JsonValueKind.String && i.TryGetGuid(out _)).Select(i => i.GetGuid()));
        }

        return named.Count > 0 && named.All(id => id == userId);
    }
}
