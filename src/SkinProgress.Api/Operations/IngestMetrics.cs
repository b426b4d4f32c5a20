using System.Diagnostics.Metrics;
using Prometheus;

namespace SkinProgress.Api.Operations;

/// <summary>
/// What ingest did: events by outcome, requests refused for lack of the broker, requests per message, spooled
/// imports. /metrics serves the Prometheus names below; the same counts go out over OTLP, where it is configured,
/// from the Api's Meter.
/// </summary>
public static class IngestMetrics
{
    /// <summary>The Api's Meter: ServiceDefaults' telemetry exports every "SkinProgress.*" meter.</summary>
    public const string MeterName = "SkinProgress.Api";

    private static readonly Meter Meter = new(MeterName);

    private static readonly Counter<long> EventsByOutcome = Meter.CreateCounter<long>(
        "skinprogress.api.events", "{event}", "Events received by ingest, by outcome (accepted, duplicate, rejected).");

    public static readonly Counter Events = Metrics.CreateCounter(
        "skinprogress_ingest_events_total", "Events received by ingest and imports, by outcome.", "outcome");

    public static readonly Counter BrokerRefusals = Metrics.CreateCounter(
        "skinprogress_ingest_broker_refusals_total", "Requests answered 503 because the broker could not confirm.");

    public static readonly Histogram RequestsPerMessage = Metrics.CreateHistogram(
        "skinprogress_ingest_requests_per_message", "Ingest requests whose batches one confirmed broker message carried.",
        new HistogramConfiguration { Buckets = Histogram.ExponentialBuckets(1, 2, 11) });

    public static readonly Gauge SpooledBytes = Metrics.CreateGauge(
        "skinprogress_import_spooled_bytes", "Bytes of zip imports held in the temporary folder now (bounded by Imports:MaxSpoolBytes).");

    public static void CountEvents(string outcome, int count)
    {
        Events.WithLabels(outcome).Inc(count);
        EventsByOutcome.Add(count, new KeyValuePair<string, object?>("outcome", outcome));
    }
}
