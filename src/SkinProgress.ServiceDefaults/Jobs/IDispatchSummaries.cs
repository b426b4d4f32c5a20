using Hangfire;

namespace SkinProgress.ServiceDefaults.Jobs;

/// <summary>
/// The recurring dispatch as Hangfire stores it. Jobs are stored by these contracts rather than by the Worker's
/// classes so that the dashboard, which runs in the Api, can load every job it lists; the Worker implements them.
/// Hangfire reads its filters from the stored method, so a job's retry and queue attributes live here.
/// </summary>
public interface IDispatchSummaries
{
    [DisableConcurrentExecution(timeoutInSeconds: 10 * 60)]
    [AutomaticRetry(Attempts = 0)] // the next scheduled run is the retry
    Task RunAsync(CancellationToken ct);
}
