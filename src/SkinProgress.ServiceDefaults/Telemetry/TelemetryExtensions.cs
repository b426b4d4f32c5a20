using System.Diagnostics;
using MassTransit.Logging;
using MassTransit.Monitoring;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using OpenTelemetry;
using OpenTelemetry.Logs;
using OpenTelemetry.Metrics;
using OpenTelemetry.Resources;
using OpenTelemetry.Trace;

namespace SkinProgress.ServiceDefaults.Telemetry;

public static class TelemetryExtensions
{
    /// <summary>The standard OpenTelemetry setting: where the collector (or the Aspire dashboard) takes OTLP.</summary>
    public const string OtlpEndpointSetting = "OTEL_EXPORTER_OTLP_ENDPOINT";

    /// <summary>Each host's own ActivitySource and Meter is named "SkinProgress.&lt;host&gt;".</summary>
    public const string OwnSources = "SkinProgress.*";

    // Without an exporter, ids only: a consume, a commit and a job still get a trace id for their logs, one that the
    // Api's request passed along in the message, and no span is recorded. Npgsql is left out, as a span per command
    // would cost more than it tells. Process-wide, as listeners are: added once.
    private static readonly Lazy<ActivityListener> IdsForLogs = new(() =>
    {
        var listener = new ActivityListener
        {
            ShouldListenTo = s => s.Name == DiagnosticHeaders.DefaultListenerName || s.Name.StartsWith("SkinProgress.", StringComparison.Ordinal),
            Sample = (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.PropagationData,
        };
        ActivitySource.AddActivityListener(listener);
        return listener;
    });

    /// <summary>
    /// Logs carry the current trace and span ids, always, and the same trace id in the Api and the Worker for one
    /// batch. Traces, metrics and logs go out over OTLP only when <see cref="OtlpEndpointSetting"/> is set; one trace
    /// then follows a batch from the HTTP request through the publish (MassTransit carries the context in the message
    /// headers) to the consume in the Worker and the commands of its commit.
    /// </summary>
    public static IHostApplicationBuilder AddTelemetry(this IHostApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);

        builder.Logging.Configure(o => o.ActivityTrackingOptions =
            ActivityTrackingOptions.TraceId | ActivityTrackingOptions.SpanId | ActivityTrackingOptions.ParentId);

        if (string.IsNullOrWhiteSpace(builder.Configuration[OtlpEndpointSetting]))
        {
            _ = IdsForLogs.Value;
            return builder;
        }

        builder.Logging.AddOpenTelemetry(o =>
        {
            o.IncludeFormattedMessage = true;
            o.IncludeScopes = true;
        });

        // The exporter reads the endpoint, protocol and headers from the standard OTEL_* settings itself.
        builder.Services.AddOpenTelemetry()
            .ConfigureResource(r => r.AddService(builder.Environment.ApplicationName))
            .WithTracing(t => t
                .AddSource(OwnSources, DiagnosticHeaders.DefaultListenerName, "Npgsql")
                .AddAspNetCoreInstrumentation(o => o.Filter = IsTraced)
                .AddHttpClientInstrumentation())
            .WithMetrics(m => m
                .AddMeter(OwnSources, InstrumentationOptions.MeterName, "Npgsql")
                .AddAspNetCoreInstrumentation()
                .AddHttpClientInstrumentation()
                .AddRuntimeInstrumentation())
            .WithLogging()
            .UseOtlpExporter();

        return builder;
    }

    // Probes and scrapes every few seconds would bury the requests worth reading.
    private static bool IsTraced(Microsoft.AspNetCore.Http.HttpContext context) =>
        !context.Request.Path.StartsWithSegments("/health") && !context.Request.Path.StartsWithSegments("/metrics");
}
