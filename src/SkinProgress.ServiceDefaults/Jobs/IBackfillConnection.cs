using Hangfire;

namespace SkinProgress.ServiceDefaults.Jobs;

/// <summary>
/// Fetches a connection's backfill window, chunk by chunk (see <see cref="IDispatchSummaries"/> for why a contract).
/// The connection's row is the record of its progress, so a job that runs twice, or again after a crash, resumes after
/// the last chunk it published; <paramref name="provider"/> is only for people reading the dashboard.
/// </summary>
public interface IBackfillConnection
{
    [AutomaticRetry(Attempts = 10)]
    Task RunAsync(Guid connectionId, string provider, CancellationToken ct);
}
