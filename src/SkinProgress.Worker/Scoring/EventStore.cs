using System.Data;
using Microsoft.EntityFrameworkCore;
using Npgsql;
using SkinProgress.Contracts;
using SkinProgress.Data;
using SkinProgress.Data.Days;
using SkinProgress.Data.Events;
using SkinProgress.Data.Users;
using SkinProgress.Days;
using SkinProgress.Sources;

namespace SkinProgress.Worker.Scoring;

/// <summary>
/// The scoring writes. Each runs in one transaction: take the lock of every user in it, change the stored events,
/// then recompute the totals of every local day that changed from the events stored for it. Recomputing (never
/// incrementing) is what makes a redelivered or re-sent message unable to count twice.
/// </summary>
public sealed class EventStore(SkinProgressDbContext db, TimeProvider time)
{
    private NpgsqlConnection Connection => (NpgsqlConnection)db.Database.GetDbConnection();

    /// <summary>Stores the messages in one transaction and returns how many days were recomputed.</summary>
    public async Task<int> StoreAsync(IReadOnlyList<EventBatchReceived> batches, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(batches);
        await using var transaction = await db.Database.BeginTransactionAsync(IsolationLevel.ReadCommitted, ct);

        // Users erased after their batch was accepted have no zone: there is nobody to store those for.
        var users = await UserStatements.LockAsync(Connection, batches.Select(b => b.UserId), ct);
        var stored = batches.Where(b => users.ContainsKey(b.UserId)).ToList();
        var rows = EventRows.From(stored, users.ToDictionary(u => u.Key, u => u.Value.Zone));
        if (rows.Count == 0)
        {
            return 0;
        }

        var touched = await EventStatements.StoreAsync(Connection, rows, ct);
        await RecomputeAsync(touched, users, ct);
        await DeviceStatements.RecordActivityAsync(Connection, [.. stored.GroupBy(b => b.DeviceId).Select(g => new DeviceActivity(g.Key,
            g.Max(b => b.ReceivedAt), g.Where(b => b.ImportId is not null).Select(b => (DateTimeOffset?)b.ReceivedAt).Max()))], ct);
        await transaction.CommitAsync(ct);
        return touched.Count;
    }

    /// <summary>Removes a source's events and recomputes their days; returns how many days were recomputed.</summary>
    public Task<int> RemoveAsync(EventsRemoved removed, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(removed);
        return ForUserAsync(removed.UserId,
            _ => EventStatements.RemoveAsync(Connection, removed.UserId, removed.Source, removed.Ids, removed.RemovedAt, ct), ct);
    }

    /// <summary>Removes every event a device or connection reported and recomputes their days.</summary>
    public Task<int> RemoveSourceAsync(SourceRemoved removed, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(removed);
        return ForUserAsync(removed.UserId,
            _ => EventStatements.RemoveSourceAsync(Connection, removed.UserId, removed.DeviceId, removed.RemovedAt, ct), ct);
    }

    /// <summary>A new time zone moves events between days: derive every local date again, then every day.</summary>
    public Task<int> RelocateAsync(Guid userId, CancellationToken ct) =>
        ForUserAsync(userId, async zone =>
        {
            var days = await EventStatements.RelocateAsync(Connection, userId, zone, ct);
            days.AddRange((await DayStatements.ReadDatesAsync(Connection, userId, ct)).Select(d => new UserDay(userId, d)));
            return days;
        }, ct);

    /// <summary>Changes one user's events under their lock and recomputes the days the change names; nothing for an erased user.</summary>
    private async Task<int> ForUserAsync(Guid userId, Func<TimeZoneInfo, Task<List<UserDay>>> change, CancellationToken ct)
    {
        await using var transaction = await db.Database.BeginTransactionAsync(IsolationLevel.ReadCommitted, ct);
        var users = await UserStatements.LockAsync(Connection, [userId], ct);
        if (!users.TryGetValue(userId, out var user))
        {
            return 0;
        }

        var touched = await change(user.Zone);
        await RecomputeAsync(touched, users, ct);
        await transaction.CommitAsync(ct);
        return touched.Count;
    }

    /// <summary>
    /// Recomputes the touched days. For a user with several sources a change on one day can change which report counts
    /// on the days around it (a run reported at 23:58 and at 00:01), so those days are recomputed too, each from the
    /// events of its whole merge window; a user with one source has nothing to merge, and only the touched days are read.
    /// </summary>
    private async Task RecomputeAsync(List<UserDay> touched, Dictionary<Guid, LockedUser> users, CancellationToken ct)
    {
        if (touched.Count == 0)
        {
            return;
        }

        bool Several(Guid user) => users.TryGetValue(user, out var u) && u.Several;
        var affected = touched.SelectMany(d => Several(d.UserId) ? Days(d.UserId, MergeWindow.Affected(d.Date)) : [d]).Distinct().ToList();
        var events = await EventStatements.ReadDaysAsync(Connection,
            affected.SelectMany(d => Several(d.UserId) ? Days(d.UserId, MergeWindow.ToRead(d.Date)) : [d]), ct);

        var written = new List<DayWrite>();
        var empty = new List<UserDay>();
        foreach (var day in affected)
        {
            if (events[day].Count == 0)
            {
                empty.Add(day);
                continue;
            }

            var window = Several(day.UserId) ? Days(day.UserId, MergeWindow.ToRead(day.Date)).SelectMany(d => events[d]) : events[day];
            var merged = SourceMerge.ComputeDay(day.Date, window,
                users.TryGetValue(day.UserId, out var u) ? u.Priorities : SourcePriorities.Default);
            written.Add(new DayWrite(day.UserId, merged.Totals, merged.Explanation));
        }

        await DayStatements.WriteAsync(Connection, written, empty, time.GetUtcNow(), ct);
    }

    private static IEnumerable<UserDay> Days(Guid userId, (DateOnly From, DateOnly To) range)
    {
        for (var date = range.From; date <= range.To; date = date.AddDays(1))
        {
            yield return new UserDay(userId, date);
        }
    }
}
