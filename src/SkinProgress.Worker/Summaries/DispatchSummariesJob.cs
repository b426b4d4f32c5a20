using Hangfire;
using Microsoft.EntityFrameworkCore;
using SkinProgress.Data;
using SkinProgress.Days;
using SkinProgress.ServiceDefaults.Jobs;
using SkinProgress.Summaries;

namespace SkinProgress.Worker.Summaries;

/// <summary>
/// Finds the users whose local week has ended and whose local summary hour has passed and who have no summary
/// for that week, and enqueues compile jobs for chunks of them. It asks "is a summary missing?" rather than
/// "is it exactly the hour?", so a user missed while servers were down is picked up by the next run.
/// </summary>
public sealed class DispatchSummariesJob(SkinProgressDbContext db, IBackgroundJobClient jobs, TimeProvider time, ILogger<DispatchSummariesJob> logger)
    : IDispatchSummaries
{
    public Task RunAsync(CancellationToken ct) => DispatchAsync(onlyUser: null, week: null, ct);

    /// <summary>Enqueues compile jobs and returns how many users they cover.</summary>
    /// <param name="week">A given week instead of each user's last completed one (on-demand runs); aligned to the user's week start.</param>
    public async Task<int> DispatchAsync(Guid? onlyUser, DateOnly? week, CancellationToken ct)
    {
        var now = time.GetUtcNow();
        var users = await db.Users.AsNoTracking()
            .Where(u => u.HeightCm != null && u.BirthYear != null && (onlyUser == null || u.Id == onlyUser))
            .Select(u => new { u.Id, u.TimeZone, u.WeekStart, u.SummaryHour })
            .ToListAsync(ct);

        var due = new List<(Guid User, DateOnly Week)>();
        foreach (var u in users)
        {
            var zone = LocalDay.TryFindZone(u.TimeZone, out var found) ? found : TimeZoneInfo.Utc;
            var userWeek = week is { } given ? SummaryWeeks.WeekStartOf(given, u.WeekStart) : SummaryWeeks.LastCompletedWeek(now, zone, u.WeekStart, u.SummaryHour);
            if (userWeek is { } w)
            {
                due.Add((u.Id, w));
            }
        }

        var weeks = due.Select(d => d.Week).Distinct().ToList();
        var compiled = (await db.WeeklySummaries.AsNoTracking()
                .Where(s => weeks.Contains(s.WeekStart) && (onlyUser == null || s.UserId == onlyUser))
                .Select(s => new { s.UserId, s.WeekStart })
                .ToListAsync(ct))
            .Select(s => (s.UserId, s.WeekStart))
            .ToHashSet();

        var count = 0;
        foreach (var group in due.Where(d => onlyUser is not null || !compiled.Contains((d.User, d.Week))).GroupBy(d => d.Week))
        {
            var chunks = group.Select(d => d.User).Chunk(SummaryJobs.ChunkSize).ToList();
            foreach (var (chunk, index) in chunks.Select((c, i) => (c, i + 1)))
            {
                jobs.Enqueue<ICompileSummaries>(j => j.RunAsync(group.Key, chunk, index, chunks.Count, CancellationToken.None));
                count += chunk.Length;
            }
        }

        logger.LogInformation("Dispatched summaries for {Users} users", count);
        return count;
    }
}
