using Hangfire;

namespace SkinProgress.IntegrationTests.Summaries;

/// <summary>One send job in Hangfire: its state, and how often it has been retried.</summary>
public sealed class SendJob(JobStorage storage, string id)
{
    public string? State
    {
        get
        {
            using var connection = storage.GetConnection();
            return connection.GetJobData(id)?.State;
        }
    }

    /// <summary>Set by Hangfire's automatic retry each time the job failed and was scheduled again.</summary>
    public int Retries
    {
        get
        {
            using var connection = storage.GetConnection();
            return int.TryParse(connection.GetJobParameter(id, "RetryCount"), out var n) ? n : 0;
        }
    }

    public Task<string?> WaitUntilAsync(string state) =>
        SkinProgressFixture.EventuallyAsync(() => Task.FromResult(State), s => s == state, TimeSpan.FromSeconds(90));

    public Task<int> WaitForRetryAsync() =>
        SkinProgressFixture.EventuallyAsync(() => Task.FromResult(Retries), r => r > 0);
}
