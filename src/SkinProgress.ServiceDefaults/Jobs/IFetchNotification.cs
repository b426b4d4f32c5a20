using Hangfire;
using SkinProgress.Contracts;

namespace SkinProgress.ServiceDefaults.Jobs;

/// <summary>
/// A provider's notification whose fetch found the application's request budget spent, scheduled for when the budget
/// has room (see <see cref="IDispatchSummaries"/> for why a contract).
/// </summary>
public interface IFetchNotification
{
    [AutomaticRetry(Attempts = 10)]
    Task RunAsync(ProviderNotified notification, CancellationToken ct);
}
