using Hangfire;

namespace SkinProgress.ServiceDefaults.Jobs;

/// <summary>
/// Emails one chunk's stored summaries of a week (see <see cref="IDispatchSummaries"/> for why a contract). Users
/// are named by id and read when the job runs, so one erased meanwhile gets nothing.
/// </summary>
public interface ISendSummaries
{
    [Queue(SummaryJobs.SendQueue)]
    [AutomaticRetry(Attempts = 20, DelaysInSeconds = [5, 10, 20, 30, 60, 120, 300, 600, 900, 1800])]
    Task RunAsync(DateOnly weekStart, Guid[] userIds, CancellationToken ct);
}
