using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using SkinProgress.Connections;
using SkinProgress.Contracts;
using SkinProgress.Data;
using SkinProgress.Data.Connections;
using SkinProgress.Data.Events;
using SkinProgress.Data.Users;
using SkinProgress.Days;
using SkinProgress.Email;
using SkinProgress.Events;
using SkinProgress.Rules;
using SkinProgress.Summaries;

namespace SkinProgress.Worker.Summaries;

/// <summary>What compiling one user's week needs, read for a whole chunk of users in four queries.</summary>
/// <param name="Stopped">The user's connections whose provider refused the grant: the email says so and links to reconnect.</param>
public sealed record UserWeek(User User, SummaryInput Input, IReadOnlyList<StoppedConnection> Stopped);

public sealed class SummaryLoader(SkinProgressDbContext db, IEnumerable<IConnectionProvider> providers)
{
    /// <summary>History read before the week: the rules look back up to 12 weeks; weight stability and the
    /// start weight (when the profile has none) benefit from half a year.</summary>
    public const int HistoryDays = 26 * 7;

    /// <summary>How far back skin checks matter (docs/rules.md, Consultation recommendations: fold rash in 2 of the last 12 weeks).</summary>
    public const int SkinCheckDays = 12 * 7;

    public async Task<IReadOnlyList<UserWeek>> LoadAsync(DateOnly weekStart, IReadOnlyCollection<Guid> userIds, CancellationToken ct)
    {
        var weekEnd = weekStart.AddDays(6);
        var from = weekStart.AddDays(-HistoryDays);
        var skinFrom = weekEnd.AddDays(1 - SkinCheckDays);

        var users = await db.Users.AsNoTracking()
            .Where(u => userIds.Contains(u.Id) && u.HeightCm != null && u.BirthYear != null)
            .ToListAsync(ct);
        var rows = (await db.DailyTotals.AsNoTracking()
                .Where(d => userIds.Contains(d.UserId) && d.LocalDate >= from && d.LocalDate <= weekEnd)
                .ToListAsync(ct))
            .ToLookup(d => d.UserId);
        var checks = (await db.RawEvents.AsNoTracking()
                .Where(e => userIds.Contains(e.UserId) && e.Type == EventTypes.SkinCheck && e.LocalDate >= skinFrom && e.LocalDate <= weekEnd)
                .Select(e => new { e.UserId, e.LocalDate, e.SkinCheck })
                .ToListAsync(ct))
            .ToLookup(e => e.UserId, e =>
            {
                var check = JsonSerializer.Deserialize<SkinCheck>(e.SkinCheck!, RawEvent.Json)!;
                return new SkinCheckEntry(e.LocalDate, check.Regions, check.Symptoms);
            });

        // Few users have a connection and fewer a stopped one: one read for the chunk on the (user_id, provider) index.
        var stopped = (await db.Connections.AsNoTracking()
                .Where(c => userIds.Contains(c.UserId) && c.State == ConnectionStates.ReauthorizationRequired && c.RemovedAt == null)
                .OrderBy(c => c.Provider)
                .Select(c => new { c.UserId, c.Provider, c.UpdatedAt })
                .ToListAsync(ct))
            .ToLookup(c => c.UserId);

        return users.Select(u =>
        {
            var start = SummaryWeeks.WeekStartOf(weekStart, u.WeekStart);
            var days = rows[u.Id].ToList();
            // Only the week's own days are said to have merged: older explanations are not read at all.
            var merges = days.Where(d => d.LocalDate >= start && d.LocalDate <= start.AddDays(6) && d.Explanation is not null)
                .ToDictionary(d => d.LocalDate, d => d.ToExplanation()!.Tally);
            return new UserWeek(u, new SummaryInput(ProfileOf(u), start, [.. days.Select(d => d.ToDailyTotals()).OrderBy(d => d.Date)],
                [.. checks[u.Id]], merges),
                [.. stopped[u.Id].Select(c => new StoppedConnection(DisplayNameOf(c.Provider), DayOf(c.UpdatedAt, u.TimeZone)))]);
        }).ToList();
    }

    /// <summary>The name a person knows; a provider no longer built in keeps the name it was stored under.</summary>
    private string DisplayNameOf(string provider) =>
        providers.FirstOrDefault(p => p.Name == provider)?.DisplayName ?? provider;

    /// <summary>The state changed last when the provider refused the grant: nothing is called for it since.</summary>
    private static DateOnly DayOf(DateTimeOffset stoppedAt, string timeZone) =>
        LocalDay.Of(stoppedAt, LocalDay.TryFindZone(timeZone, out var zone) ? zone : TimeZoneInfo.Utc);

    public static RulesProfile ProfileOf(User user)
    {
        ArgumentNullException.ThrowIfNull(user);
        return new RulesProfile(
            user.HeightCm!.Value,
            user.BirthYear!.Value,
            user.Sex switch { "female" => Sex.Female, "male" => Sex.Male, _ => Sex.Unspecified },
            user.StartWeightKg,
            user.GoalWeightKg,
            user.BariatricSurgeryDate,
            user.Smoker);
    }
}
