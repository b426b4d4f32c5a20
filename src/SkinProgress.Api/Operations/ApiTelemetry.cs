using System.Diagnostics;

namespace SkinProgress.Api.Operations;

/// <summary>The Api's own spans, under the name of its Meter; ServiceDefaults' telemetry exports every "SkinProgress.*" source.</summary>
public static class ApiTelemetry
{
    public static readonly ActivitySource Source = new(IngestMetrics.MeterName);
}
