using System.Diagnostics.Metrics;

namespace SkinProgress.Worker.Summaries;

public static class SummaryMetrics
{
    private static readonly Counter<long> Emails = WorkerTelemetry.Meter.CreateCounter<long>(
        "skinprogress.summaries.emails", "{email}", "Weekly summary emails by outcome: sent, or failed for good (recipient refused, unusable address).");

    public static void CountEmails(int sent, int failed)
    {
        Emails.Add(sent, new KeyValuePair<string, object?>("outcome", "sent"));
        Emails.Add(failed, new KeyValuePair<string, object?>("outcome", "failed"));
    }
}
