using Npgsql;
using SkinProgress.Days;

namespace SkinProgress.Data.Users;

/// <summary>The hand-written statements of <c>users</c>: the per-user lock every write of events takes, erasure, and seeding.</summary>
public static class UserStatements
{
    /// <summary>
    /// Serializes all writes of each user for the rest of the open transaction (different users run in parallel), and
    /// reads the users' zones and source priorities under the locks so a concurrent change is seen consistently. The locks are
    /// taken in key order, so two transactions that share users wait for each other instead of deadlocking. Users that
    /// no longer exist (erased after their events were accepted) are missing from the answer.
    /// </summary>
    public static async Task<Dictionary<Guid, LockedUser>> LockAsync(NpgsqlConnection connection, IEnumerable<Guid> userIds, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(connection);
        var users = userIds.Distinct().ToArray();
        var keys = users.Select(LockKey).Distinct().Order().ToArray();
        await using var batch = new NpgsqlBatch(connection)
        {
            BatchCommands =
            {
                // unnest() yields the array in order, and the aggregate calls the lock once per row as it is read.
                new NpgsqlBatchCommand("select count(pg_advisory_xact_lock(k)) from unnest(@keys) k") { Parameters = { new("keys", keys) } },
                new NpgsqlBatchCommand("""
                    select u.id, u.time_zone, u.source_priorities, (select count(*) > 1 from devices d where d.user_id = u.id)
                    from users u where u.id = any(@users)
                    """) { Parameters = { new("users", users) } },
            },
        };
        await using var reader = await batch.ExecuteReaderAsync(ct);
        await reader.NextResultAsync(ct);
        var locked = new Dictionary<Guid, LockedUser>();
        while (await reader.ReadAsync(ct))
        {
            locked[reader.GetGuid(0)] = new LockedUser(
                LocalDay.TryFindZone(reader.GetString(1), out var zone) ? zone : TimeZoneInfo.Utc,
                SourcePrioritiesJson.Read(reader.IsDBNull(2) ? null : reader.GetString(2)),
                reader.GetBoolean(3));
        }

        return locked;
    }

    /// <summary>
    /// Removes the user and everything about them, in the open transaction. Under the user's lock, so scoring either
    /// stored its events before (and they are deleted here) or runs after and finds no user; events have no foreign key
    /// to cascade from (see <see cref="Events.RawEventConfiguration"/>), every other table cascades from the user row.
    /// </summary>
    public static async Task<bool> EraseAsync(NpgsqlConnection connection, Guid userId, CancellationToken ct)
    {
        await LockAsync(connection, [userId], ct);
        await using var batch = new NpgsqlBatch(connection)
        {
            BatchCommands =
            {
                new NpgsqlBatchCommand("delete from raw_events where user_id = @user") { Parameters = { new("user", userId) } },
                new NpgsqlBatchCommand("delete from users where id = @user") { Parameters = { new("user", userId) } },
            },
        };
        await batch.ExecuteNonQueryAsync(ct);
        return batch.BatchCommands[1].RecordsAffected > 0;
    }

    /// <summary>Every column of <c>users</c>, as <see cref="InsertSelectedAsync"/> takes them from its query.</summary>
    public static IReadOnlyList<string> Columns { get; } =
    [
        "id", "email", "display_name", "height_cm", "birth_year", "sex", "time_zone", "start_weight_kg", "goal_weight_kg",
        "bariatric_surgery_date", "smoker", "week_start", "summary_hour", "created_at", "unsubscribe_token", "unsubscribed_at",
        "source_priorities",
    ];

    /// <summary>
    /// Bulk-inserts the users a query selects (seeding a benchmark's data set): the query names every column of
    /// <see cref="Columns"/>, which are taken from it by name, so a column it lacks is an error, not a shifted value.
    /// </summary>
    public static Task InsertSelectedAsync(NpgsqlConnection connection, string query, CancellationToken ct) =>
        SelectedRows.InsertAsync(connection, "users", Columns, query, ct);

    public static long LockKey(Guid userId)
    {
        Span<byte> bytes = stackalloc byte[16];
        userId.TryWriteBytes(bytes);
        return BitConverter.ToInt64(bytes[..8]) ^ BitConverter.ToInt64(bytes[8..]);
    }
}
