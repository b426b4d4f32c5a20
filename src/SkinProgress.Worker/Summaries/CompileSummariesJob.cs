using System.Text.Json;
using Hangfire;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using SkinProgress.Data;
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
    SummaryLoader loader,
    SummaryEmailRenderer renderer,
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
            var rows = new List<CompiledRow>(slice.Length);
            foreach (var week in slice)
            {
                var summary = WeeklySummaryBuilder.Build(week.Input);
                var links = new SummaryEmailLinks(
                    $"{baseUrl}/v1/me/summaries/{summary.WeekStart:yyyy-MM-dd}",
                    $"{baseUrl}/v1/unsubscribe/{week.User.UnsubscribeToken}");
                var rendered = await renderer.RenderAsync(summary, links, week.User.DisplayName);
                rows.Add(new CompiledRow(
                    week.User.Id,
                    summary.WeekStart,
                    JsonSerializer.Serialize(summary, WeeklySummary.JsonOptions),
                    rendered,
                    SummaryChart.RenderPng(ChartData.From(week.Input), email.Value.ChartPixelDensity),
                    SummaryDue.ShouldEmail(summary.WeekStart, week.Input.Days)));
            }

            await InsertAsync(rows, now, ct);
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
    /// batch (~100 KB a user, mostly the chart) stays small next to the Worker's memory.
    /// </summary>
    private const int InsertBatch = 100;

    private sealed record CompiledRow(Guid UserId, DateOnly WeekStart, string Json, RenderedSummaryEmail Rendered, byte[] Chart, bool EmailDue);

    private async Task InsertAsync(List<CompiledRow> rows, DateTimeOffset now, CancellationToken ct)
    {
        // Another run may have stored some meanwhile: the first one wins and this one changes nothing for them.
        await db.Database.ExecuteSqlInterpolatedAsync($"""
            insert into weekly_summaries (user_id, week_start, summary, html, text, chart_png, email_due, compiled_at)
            select r.user_id, r.week_start, r.summary::jsonb, r.html, r.text, r.chart_png, r.email_due, {now}
            from unnest({rows.Select(r => r.UserId).ToArray()}, {rows.Select(r => r.WeekStart).ToArray()}, {rows.Select(r => r.Json).ToArray()},
                        {rows.Select(r => r.Rendered.Html).ToArray()}, {rows.Select(r => r.Rendered.Text).ToArray()},
                        {rows.Select(r => r.Chart).ToArray()}, {rows.Select(r => r.EmailDue).ToArray()})
                 as r(user_id, week_start, summary, html, text, chart_png, email_due)
            on conflict (user_id, week_start) do nothing
            """, ct);
    }
}
