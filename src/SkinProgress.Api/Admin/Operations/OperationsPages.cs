using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using SkinProgress.Api.Auth;
using SkinProgress.Api.Ingest;
using SkinProgress.Contracts;
using SkinProgress.Data;
using SkinProgress.Data.Connections;
using SkinProgress.ServiceDefaults;

namespace SkinProgress.Api.Admin.Operations;

/// <summary>
/// The admin's view of what the jobs dashboard does not show: the pipeline, the failed messages, the weekly emails
/// and the devices gone quiet. Server-rendered pages whose actions are plain forms (antiforgery-checked), each
/// answered with a redirect back to its page, so a reload never repeats an action. <see cref="OperationsGate"/> admits admins only.
/// </summary>
public static class OperationsPages
{
    public const string Path = "/admin/ops";

    /// <summary>How many weeks of weekly emails the page shows.</summary>
    public const int Weeks = 8;

    /// <summary>Stale devices per page.</summary>
    public const int PageSize = 50;

    public static IHostApplicationBuilder AddOperationsPages(this IHostApplicationBuilder builder)
    {
        builder.Services.AddSingleton<FailedMessages>();
        return builder;
    }

    public static WebApplication MapOperationsPages(this WebApplication app)
    {
        var ops = app.MapGroup(Path).ExcludeFromDescription();
        ops.MapGet("", Pipeline);
        ops.MapGet("/failed", Failed);
        ops.MapPost("/failed/replay", Replay);
        ops.MapPost("/failed/discard", Discard);
        ops.MapGet("/emails", Emails);
        ops.MapPost("/emails/resend", Resend);
        ops.MapGet("/sync", Sync);
        return app;
    }

    public static async Task<RazorComponentResult<PipelinePage>> Pipeline(IOptions<RabbitMqOptions> rabbit, SkinProgressDbContext db, TimeProvider time, CancellationToken ct)
    {
        var since = time.GetUtcNow().AddHours(-1);
        var scored = await db.RawEvents.CountAsync(e => e.ReceivedAt >= since, ct);
        var queues = new List<QueueCounts>();
        string? brokerProblem = null;
        try
        {
            await using var connection = await BrokerQueues.Factory(rabbit.Value, "skinprogress-operations").CreateConnectionAsync(ct);
            foreach (var queue in BrokerQueues.WorkQueues.Concat(BrokerQueues.ErrorQueues))
            {
                var counts = await BrokerQueues.InspectAsync(connection, queue, ct);
                queues.Add(new QueueCounts(queue, FailedMessages.IsErrorQueue(queue), counts?.MessageCount ?? 0, counts?.ConsumerCount ?? 0));
            }
        }
        catch (RabbitMQ.Client.Exceptions.BrokerUnreachableException)
        {
            brokerProblem = "RabbitMQ is unreachable: no queue counts.";
        }

        return new RazorComponentResult<PipelinePage>(new { Queues = queues, ScoredLastHour = scored, BrokerProblem = brokerProblem });
    }

    public static async Task<RazorComponentResult<FailedMessagesPage>> Failed(string? done, FailedMessages failed, CancellationToken ct) =>
        new(new { Messages = await failed.ListAsync(ct), Done = done });

    public static Task<Results<RedirectHttpResult, BadRequest>> Replay(
        [FromForm] string queue, [FromForm] string? messageId, HttpContext context, FailedMessages failed, CancellationToken ct) =>
        ActOnFailedAsync(queue, "Replayed", () => failed.ReplayAsync(queue, NullIfEmpty(messageId), Credential.From(context.User).KeyId, ct));

    public static Task<Results<RedirectHttpResult, BadRequest>> Discard(
        [FromForm] string queue, [FromForm] string? messageId, HttpContext context, FailedMessages failed, CancellationToken ct) =>
        ActOnFailedAsync(queue, "Discarded", () => failed.DiscardAsync(queue, NullIfEmpty(messageId), Credential.From(context.User).KeyId, ct));

    /// <summary>Acts on an error queue only, then back to the list with what was done (a reload repeats nothing).</summary>
    private static async Task<Results<RedirectHttpResult, BadRequest>> ActOnFailedAsync(string queue, string done, Func<Task<int>> act)
    {
        if (!FailedMessages.IsErrorQueue(queue))
        {
            return TypedResults.BadRequest();
        }

        var count = await act();
        return TypedResults.Redirect($"{Path}/failed?done={Uri.EscapeDataString($"{done} {count} message(s) from {queue}.")}");
    }

    public static async Task<RazorComponentResult<EmailsPage>> Emails(string? done, SkinProgressDbContext db, CancellationToken ct)
    {
        var weeks = await db.WeeklySummaries.AsNoTracking()
            .Join(db.Users, s => s.UserId, u => u.Id, (s, u) => new { s.WeekStart, s.EmailDue, s.SentAt, s.SendFailedAt, u.UnsubscribedAt })
            .GroupBy(s => s.WeekStart)
            .OrderByDescending(g => g.Key)
            .Take(Weeks)
            .Select(g => new EmailWeek(
                g.Key,
                g.Count(),
                g.Count(s => s.SentAt != null),
                g.Count(s => s.SendFailedAt != null),
                g.Count(s => s.SentAt == null && s.SendFailedAt == null && s.EmailDue && s.UnsubscribedAt != null),
                g.Count(s => !s.EmailDue),
                g.Count(s => s.SentAt == null && s.SendFailedAt == null && s.EmailDue && s.UnsubscribedAt == null)))
            .ToListAsync(ct);
        var failures = (await SummaryFailureEndpoints.List(null, db, ct)).Value ?? [];
        return new RazorComponentResult<EmailsPage>(new { Weeks = weeks, Failures = failures, Done = done });
    }

    /// <summary>
    /// Clears one failed summary's mark and asks the Worker to run that user's week again: the compile keeps the stored
    /// summary, and the send job mails it unless it is marked sent, in the transaction that marks it; so a resend never
    /// mails twice. Only a summary that failed and was never sent is touched.
    /// </summary>
    public static async Task<Results<RedirectHttpResult, ProblemHttpResult>> Resend(
        [FromForm] Guid userId, [FromForm] DateOnly weekStart, HttpContext context, SkinProgressDbContext db, BatchPublisher publisher,
        TimeProvider time, ILoggerFactory loggers, CancellationToken ct)
    {
        var cleared = await db.WeeklySummaries
            .Where(s => s.UserId == userId && s.WeekStart == weekStart && s.SendFailedAt != null && s.SentAt == null)
            .ExecuteUpdateAsync(s => s.SetProperty(w => w.SendFailedAt, (DateTimeOffset?)null).SetProperty(w => w.SendFailure, (string?)null), ct);
        var message = "That summary is not marked failed (sent, resent already, or erased): nothing to resend.";
        if (cleared == 1)
        {
            var run = new SummaryRunRequested(Guid.NewGuid(), userId, weekStart, time.GetUtcNow());
            // Unpublished, the mark stays cleared and the summary goes out with the next run for this user.
            message = await publisher.TryPublishAsync(run, ct)
                ? "Resend queued."
                : "The job queue is unavailable: the summary goes out with the next run.";
            loggers.CreateLogger(typeof(OperationsPages)).LogInformation(
                "Admin key {AdminKeyId} resent the weekly summary of {UserId} for {WeekStart} (run {RunId})",
                Credential.From(context.User).KeyId, userId, weekStart, run.RunId);
        }

        return TypedResults.Redirect($"{Path}/emails?done={Uri.EscapeDataString(message)}");
    }

    public static async Task<RazorComponentResult<SyncPage>> Sync(int? page, SkinProgressDbContext db, TimeProvider time, CancellationToken ct)
    {
        var number = Math.Max(page ?? 1, 1);
        var staleBefore = time.GetUtcNow() - AdminEndpoints.StaleAfter;
        var stale = db.Devices.AsNoTracking().Where(d => d.LastEventAt != null && d.LastEventAt < staleBefore);
        var total = await stale.CountAsync(ct);
        var devices = await stale
            .OrderByDescending(d => d.LastEventAt)
            .ThenBy(d => d.Id)
            .Skip((number - 1) * PageSize)
            .Take(PageSize)
            .Join(db.Users, d => d.UserId, u => u.Id, (d, u) => new StaleDevice(d.Id, d.UserId, u.Email, d.Name, d.Source, d.LastEventAt!.Value, d.LastImportAt))
            .ToListAsync(ct);
        var reauthorization = await db.Connections.AsNoTracking()
            .Where(c => c.RemovedAt == null && c.State == ConnectionStates.ReauthorizationRequired)
            .OrderByDescending(c => c.UpdatedAt)
            .Take(PageSize)
            .Join(db.Users, c => c.UserId, u => u.Id, (c, u) => new ReauthorizationNeeded(c.UserId, u.Email, c.Provider, c.UpdatedAt))
            .ToListAsync(ct);
        return new RazorComponentResult<SyncPage>(new { Devices = devices, Total = total, Page = number, Reauthorization = reauthorization });
    }

    private static string? NullIfEmpty(string? value) => string.IsNullOrWhiteSpace(value) ? null : value;
}
