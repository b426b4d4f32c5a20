using System.Diagnostics.Metrics;

namespace SkinProgress.Worker.Scoring;

/// <summary>What scoring did, per event and per message; MassTransit's own meter adds consume counts and durations.</summary>
public static class ScoringMetrics
{
    public static readonly Counter<long> ScoredEvents = WorkerTelemetry.Meter.CreateCounter<long>(
        "skinprogress.scoring.events", "{event}", "Events stored and scored.");

    public static readonly Counter<long> RejectedEvents = WorkerTelemetry.Meter.CreateCounter<long>(
        "skinprogress.scoring.rejected_events", "{event}", "Events refused by scoring and sent to scoring_error with their reason.");

    public static readonly Counter<long> FailedMessages = WorkerTelemetry.Meter.CreateCounter<long>(
        "skinprogress.scoring.failed_messages", "{message}", "Consume attempts that failed and go back to MassTransit's retry (each attempt counts).");

    public static readonly Histogram<double> QueueWait = WorkerTelemetry.Meter.CreateHistogram<double>(
        "skinprogress.scoring.queue_wait", "s", "From the Api receiving a batch to its events being committed.");
}
