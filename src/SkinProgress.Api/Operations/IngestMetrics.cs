using Prometheus;

namespace SkinProgress.Api.Operations;

/// <summary>What ingest did, for /metrics: events by outcome, requests refused for lack of the broker, spooled imports.</summary>
public static class IngestMetrics
{
    public static readonly Counter Events = Metrics.CreateCounter(
        "skinprogress_ingest_events_total", "Events received by ingest and imports, by outcome.", "outcome");

    public static readonly Counter BrokerRefusals = Metrics.CreateCounter(
        "skinprogress_ingest_broker_refusals_total", "Requests answered 503 because the broker could not confirm.");

    public static readonly Gauge SpooledBytes = Metrics.CreateGauge(
        "skinprogress_import_spooled_bytes", "Bytes of zip imports held in the temporary folder now (bounded by Imports:MaxSpoolBytes).");
}
