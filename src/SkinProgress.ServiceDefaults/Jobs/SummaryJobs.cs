namespace SkinProgress.ServiceDefaults.Jobs;

public static class SummaryJobs
{
    public const string DispatchJobId = "dispatch-summaries";

    /// <summary>Every 15 minutes: a user's summary falls due at their local hour, in any of the world's time zones.</summary>
    public const string DispatchCron = "*/15 * * * *";

    /// <summary>Users per compile job: big enough to amortise a job's overhead, small enough to retry cheaply.</summary>
    public const int ChunkSize = 500;

    /// <summary>The Hangfire queue of send jobs, served by workers of its own.</summary>
    public const string SendQueue = "send";
}
