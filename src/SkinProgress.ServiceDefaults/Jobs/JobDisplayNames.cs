using System.Globalization;
using Hangfire.Common;

namespace SkinProgress.ServiceDefaults.Jobs;

/// <summary>
/// What the jobs dashboard calls each job: what it does and its arguments in words. Hangfire's own display-name
/// attribute formats arguments with string.Format, which prints a chunk of users as "System.Guid[]".
/// </summary>
public static class JobDisplayNames
{
    public static string Of(Job job)
    {
        ArgumentNullException.ThrowIfNull(job);
        return job switch
        {
            { Type: var t } when t == typeof(IDispatchSummaries) => "Dispatch due summaries",
            { Type: var t, Args: [DateOnly week, Guid[] users, int chunk, int chunks, ..] } when t == typeof(ICompileSummaries) =>
                Invariant($"Compile weekly summaries · week of {week:yyyy-MM-dd} · {Count(users.Length, "user", "users")} (chunk {chunk} of {chunks})"),
            { Type: var t, Args: [DateOnly week, Guid[] users, ..] } when t == typeof(ISendSummaries) =>
                Invariant($"Send weekly summaries · week of {week:yyyy-MM-dd} · {Count(users.Length, "email", "emails")}"),
            { Type: var t, Args: [Guid connection, string provider, ..] } when t == typeof(IBackfillConnection) =>
                Invariant($"Backfill {provider} connection {connection}"),
            { Type: var t, Args: [SkinProgress.Contracts.ProviderNotified n, ..] } when t == typeof(IFetchNotification) =>
                Invariant($"Fetch {n.Provider} notification ({n.Kind}) for connection {n.ConnectionId}"),
            _ => $"{job.Type.Name}.{job.Method.Name}",
        };
    }

    private static string Count(int n, string one, string many) => Invariant($"{n} {(n == 1 ? one : many)}");

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
