using Prometheus;

namespace SkinProgress.Api.Operations;

/// <summary>What ingest did, for /metrics: events by outcome and requests refused for lack of the broker.</summary>
public static class IngestMetrics
{
    public static readonly Counter Events = Metrics.CreateCounter(
        "skinprogress_ingest_events_total", "Events received by ingest and imports, by outcome.", "outcome");

    public static readonly Counter BrokerRefusals = Metrics.CreateCounter(
        "skinprogress_ingest_broker_refusals_total", "Requests answered 503 because the broker could not confirm.");
}
