using Hangfire;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using SkinProgress.Data;
using SkinProgress.Email;
using SkinProgress.Email.Charts;
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
    ILogger<CompileSummariesJob> logger)
{
    [AutomaticRetry(Attempts = 10)]
    public async Task RunAsync(DateOnly weekStart, Guid[] userIds, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(userIds);
        var existing = await db.WeeklySummaries.AsNoTracking()
            .Where(s => userIds.Contains(s.UserId) && s.WeekStart == weekStart)
            .Select(s => s.UserId)
            .ToListAsync(ct);
        var missing = userIds.Except(existing).ToList();

        var baseUrl = email.Value.PublicBaseUrl.TrimEnd('/');
        var now = time.GetUtcNow();
        foreach (var week in await loader.LoadAsync(weekStart, missing, ct))
        {
            var summary = WeeklySummaryBuilder.Build(week.Input);
            var links = new SummaryEmailLinks(
                $"{baseUrl}/v1/me/summaries/{summary.WeekStart:yyyy-MM-dd}",
                $"{baseUrl}/v1/unsubscribe/{week.User.UnsubscribeToken}");
            var rendered = await renderer.RenderAsync(summary, links, week.User.DisplayName);
            var chart = SummaryChart.RenderPng(ChartData.From(week.Input));
            var json = System.Text.Json.JsonSerializer.Serialize(summary, WeeklySummary.JsonOptions);
            var emailDue = SummaryDue.ShouldEmail(summary.WeekStart, week.Input.Days);

            // Another run may have stored it meanwhile: the first one wins and this one changes nothing.
            await db.Database.ExecuteSqlInterpolatedAsync($"""
                insert into weekly_summaries (user_id, week_start, summary, html, text, chart_png, email_due, compiled_at)
                values ({week.User.Id}, {summary.WeekStart}, {json}::jsonb, {rendered.Html}, {rendered.Text}, {chart}, {emailDue}, {now})
                on conflict (user_id, week_start) do nothing
                """, ct);
        }

        var toSend = await db.WeeklySummaries.AsNoTracking()
            .Where(s => userIds.Contains(s.UserId) && s.WeekStart == weekStart && s.EmailDue && s.SentAt == null)
            .Select(s => s.UserId)
            .ToArrayAsync(ct);
        if (toSend.Length > 0)
        {
            jobs.Enqueue<SendSummariesJob>(j => j.RunAsync(weekStart, toSend, CancellationToken.None));
        }

        logger.LogInformation("Compiled week {WeekStart}: {Compiled} new summaries, {ToSend} to send", weekStart, missing.Count, toSend.Length);
    }
}
