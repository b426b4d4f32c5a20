using System.Text.Json;
using Hangfire;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using SkinProgress.Data;
using SkinProgress.Data.Connections;
using SkinProgress.Data.Summaries;
using SkinProgress.Email;
using SkinProgress.Email.Charts;
using SkinProgress.ServiceDefaults.Jobs;
using SkinProgress.Summaries;

namespace SkinProgress.Worker.Summaries;

/// <summary>
/// Builds, renders and stores the week's summary of each user in the chunk (unique per user and week, so a
/// re-run stores nothing twice), then hands the ones worth an email to one send job.
/// </summary>
public sealed class CompileSummariesJob(
    SkinProgressDbContext db,
    WeeklySummaryStatements summaries,
    SummaryLoader loader,
    SummaryEmailRenderer renderer,
    ReconnectTokens reconnectTokens,
    IBackgroundJobClient jobs,
    IOptions<EmailOptions> email,
    TimeProvider time,
    ILogger<CompileSummariesJob> logger) : ICompileSummaries
{
    public async Task RunAsync(DateOnly weekStart, Guid[] userIds, int chunk, int chunks, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(userIds);
        var existing = await db.WeeklySummaries.AsNoTracking()
            .Where(s => userIds.Contains(s.UserId) && s.WeekStart == weekStart)
            .Select(s => s.UserId)
            .ToListAsync(ct);
        var missing = userIds.Except(existing).ToList();

        var baseUrl = email.Value.PublicBaseUrl.TrimEnd('/');
        var now = time.GetUtcNow();
        foreach (var slice in (await loader.LoadAsync(weekStart, missing, ct)).Chunk(InsertBatch))
        {
            var rows = new List<CompiledSummary>(slice.Length);
            foreach (var week in slice)
            {
                var summary = WeeklySummaryBuilder.Build(week.Input);
                var links = new SummaryEmailLinks(
                    $"{baseUrl}/v1/me/summaries/{summary.WeekStart:yyyy-MM-dd}",
                    $"{baseUrl}/v1/unsubscribe/{week.User.UnsubscribeToken}");
                // Not the single-use, 15-minute connect link: an email is read days later, after scanners opened every link.
                var reconnect = week.Stopped.Count == 0 ? null : new ReconnectNotice(week.Stopped,
                    $"{baseUrl}{ReconnectTokens.Path}/{reconnectTokens.Issue(week.User.Id)}");
                var rendered = await renderer.RenderAsync(summary, links, week.User.DisplayName, reconnect);
                rows.Add(new CompiledSummary(
                    week.User.Id,
                    summary.WeekStart,
                    JsonSerializer.Serialize(summary, WeeklySummary.JsonOptions),
                    rendered.Html,
                    rendered.Text,
                    SummaryChart.RenderPng(ChartData.From(week.Input), email.Value.ChartPixelDensity),
                    SummaryDue.ShouldEmail(summary.WeekStart, week.Input.Days)));
            }

            // Another run may have stored some meanwhile: the first one wins and this one changes nothing for them.
            await summaries.StoreCompiledAsync(rows, now, ct);
        }

        var toSend = await db.WeeklySummaries.AsNoTracking()
            .Where(s => userIds.Contains(s.UserId) && s.WeekStart == weekStart && s.EmailDue && s.SentAt == null && s.SendFailedAt == null)
            .Select(s => s.UserId)
            .ToArrayAsync(ct);
        if (toSend.Length > 0)
        {
            jobs.Enqueue<ISendSummaries>(j => j.RunAsync(weekStart, toSend, CancellationToken.None));
        }

        logger.LogInformation("Compiled week {WeekStart}, chunk {Chunk} of {Chunks}: {Compiled} new summaries, {ToSend} to send",
            weekStart, chunk, chunks, missing.Count, toSend.Length);
    }

    /// <summary>
    /// Rows written per statement: one round trip and one commit for many users instead of one each, while a
    /// batch (~40 KB a user) stays small next to the Worker's memory.
    /// </summary>
    private const int InsertBatch = 100;
}
