using Hangfire;

namespace SkinProgress.ServiceDefaults.Jobs;

/// <summary>
/// Compiles one chunk of users' summaries of a week (see <see cref="IDispatchSummaries"/> for why a contract).
/// The chunk's place in its run (1-based <paramref name="chunk"/> of <paramref name="chunks"/>) is only for
/// people reading the dashboard. Users are named by id and read when the job runs, so one erased meanwhile is skipped.
/// </summary>
public interface ICompileSummaries
{
    [AutomaticRetry(Attempts = 10)]
    Task RunAsync(DateOnly weekStart, Guid[] userIds, int chunk, int chunks, CancellationToken ct);
}
