using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;
using Npgsql;

namespace SkinProgress.Data.Summaries;

/// <summary>
/// The hand-written statements on <c>weekly_summaries</c>: storing a chunk's compiled summaries, and the send's
/// claim, mark-sent and mark-failed. The never-twice guarantee rests on their use together: rows are claimed (locked)
/// in a transaction, mailed, and marked in that same transaction, so a concurrent or later send skips them.
/// </summary>
public sealed class WeeklySummaryStatements(SkinProgressDbContext db)
{
    /// <summary>
    /// Stores the summaries in one statement; one already stored for its (user, week), by this run or another, stays
    /// as it is (the first wins). Returns how many were new.
    /// </summary>
    public Task<int> StoreCompiledAsync(IReadOnlyCollection<CompiledSummary> summaries, DateTimeOffset compiledAt, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(summaries);
        return db.Database.ExecuteSqlInterpolatedAsync($"""
            insert into weekly_summaries (user_id, week_start, summary, html, text, chart_png, email_due, compiled_at)
            select r.user_id, r.week_start, r.summary::jsonb, r.html, r.text, r.chart_png, r.email_due, {compiledAt}
            from unnest({summaries.Select(r => r.UserId).ToArray()}, {summaries.Select(r => r.WeekStart).ToArray()},
                        {summaries.Select(r => r.SummaryJson).ToArray()}, {summaries.Select(r => r.Html).ToArray()},
                        {summaries.Select(r => r.Text).ToArray()}, {summaries.Select(r => r.ChartPng).ToArray()},
                        {summaries.Select(r => r.EmailDue).ToArray()})
                 as r(user_id, week_start, summary, html, text, chart_png, email_due)
            on conflict (user_id, week_start) do nothing
            """, ct);
    }

    /// <summary>
    /// Locks for sending, inside the caller's open transaction, those of the users' summaries of the week that are
    /// still to be sent: due, neither sent nor failed, their user subscribed, and not locked by another sender
    /// (skipped rather than waited for). In the order of <paramref name="userIds"/>.
    /// </summary>
    public async Task<IReadOnlyList<ClaimedSummary>> ClaimForSendingAsync(DateOnly weekStart, IReadOnlyCollection<Guid> userIds, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(userIds);
        var transaction = db.Database.CurrentTransaction
            ?? throw new InvalidOperationException("Summaries are claimed inside the transaction that marks them sent or failed.");
        await using var select = new NpgsqlCommand("""
            select s.user_id, s.html, s.text, s.chart_png, u.email, u.display_name, u.unsubscribe_token
            from unnest(@users) with ordinality as c(user_id, position)
                 join weekly_summaries s on s.user_id = c.user_id and s.week_start = @week
                 join users u on u.id = s.user_id
            where s.sent_at is null and s.send_failed_at is null and s.email_due and u.unsubscribed_at is null
            order by c.position
            for update of s skip locked
            """, (NpgsqlConnection)db.Database.GetDbConnection(), (NpgsqlTransaction)transaction.GetDbTransaction());
        select.Parameters.AddWithValue("users", userIds.ToArray());
        select.Parameters.AddWithValue("week", weekStart);
        await using var reader = await select.ExecuteReaderAsync(ct);
        var claimed = new List<ClaimedSummary>(userIds.Count);
        while (await reader.ReadAsync(ct))
        {
            claimed.Add(new ClaimedSummary(
                reader.GetGuid(0),
                reader.GetString(1),
                reader.GetString(2),
                reader.GetFieldValue<byte[]>(3),
                reader.GetString(4),
                reader.IsDBNull(5) ? null : reader.GetString(5),
                reader.GetString(6)));
        }

        return claimed;
    }

    /// <summary>Marks the users' summaries of the week sent, in one statement.</summary>
    public Task MarkSentAsync(DateOnly weekStart, IReadOnlyCollection<Guid> userIds, DateTimeOffset sentAt, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(userIds);
        var ids = userIds.ToArray();
        return db.WeeklySummaries.Where(w => w.WeekStart == weekStart && ids.Contains(w.UserId))
            .ExecuteUpdateAsync(u => u.SetProperty(w => w.SentAt, sentAt), ct);
    }

    /// <summary>Marks the summary failed for good, with the reason admins see (cut to the column's length).</summary>
    public Task MarkFailedAsync(Guid userId, DateOnly weekStart, DateTimeOffset failedAt, string reason, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(reason);
        var stored = reason.Length <= WeeklySummaryRow.SendFailureMaxLength ? reason : reason[..WeeklySummaryRow.SendFailureMaxLength];
        return db.WeeklySummaries.Where(w => w.UserId == userId && w.WeekStart == weekStart)
            .ExecuteUpdateAsync(u => u
                .SetProperty(w => w.SendFailedAt, failedAt)
                .SetProperty(w => w.SendFailure, stored), ct);
    }
}
