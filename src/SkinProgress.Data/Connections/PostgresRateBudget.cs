using Npgsql;
using SkinProgress.Connections.Http;

namespace SkinProgress.Data.Connections;

/// <summary>
/// The provider request budget every Api and Worker process shares, in PostgreSQL: each take is one conditional
/// upsert per window, all in one transaction, so two processes can never both take the last request, and a refused
/// take counts nowhere. Windows are always taken in the provider's order, so concurrent takes cannot deadlock.
/// Processes' clocks are assumed in step (NTP): one behind another sees the newer window as spent until its own ends.
/// </summary>
public sealed class PostgresRateBudget(NpgsqlDataSource dataSource) : IRateBudget
{
    public async ValueTask<DateTimeOffset?> TryTakeAsync(string provider, IReadOnlyList<RateWindow> windows, DateTimeOffset now, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(windows);
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        foreach (var window in windows)
        {
            var start = window.StartOf(now);
            await using var take = new NpgsqlCommand(
                """
                insert into rate_budgets (provider, window_name, starts_at, used) values ($1, $2, $3, 1)
                on conflict (provider, window_name) do update
                    set starts_at = excluded.starts_at,
                        used = case when rate_budgets.starts_at < excluded.starts_at then 1 else rate_budgets.used + 1 end
                    where rate_budgets.starts_at < excluded.starts_at or (rate_budgets.starts_at = excluded.starts_at and rate_budgets.used < $4)
                returning used
                """,
                connection,
                transaction);
            take.Parameters.AddWithValue(provider);
            take.Parameters.AddWithValue(window.Name);
            take.Parameters.AddWithValue(start);
            take.Parameters.AddWithValue(window.Limit);
            if (await take.ExecuteScalarAsync(cancellationToken) is null)
            {
                await transaction.RollbackAsync(cancellationToken);
                return start + window.Length;
            }
        }

        await transaction.CommitAsync(cancellationToken);
        return null;
    }

    public async ValueTask ObserveAsync(string provider, RateWindow window, long used, DateTimeOffset now, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(window);
        await using var observe = dataSource.CreateCommand(
            """
            insert into rate_budgets (provider, window_name, starts_at, used) values ($1, $2, $3, $4)
            on conflict (provider, window_name) do update
                set starts_at = excluded.starts_at,
                    used = case when rate_budgets.starts_at = excluded.starts_at then greatest(rate_budgets.used, excluded.used) else excluded.used end
                where rate_budgets.starts_at <= excluded.starts_at
            """);
        observe.Parameters.AddWithValue(provider);
        observe.Parameters.AddWithValue(window.Name);
        observe.Parameters.AddWithValue(window.StartOf(now));
        observe.Parameters.AddWithValue(used);
        await observe.ExecuteNonQueryAsync(cancellationToken);
    }
}
