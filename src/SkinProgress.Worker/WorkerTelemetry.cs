using System.Diagnostics;
using System.Diagnostics.Metrics;

namespace SkinProgress.Worker;

/// <summary>The Worker's own spans and metrics; ServiceDefaults' telemetry exports every "SkinProgress.*" source and meter.</summary>
public static class WorkerTelemetry
{
    public const string Name = "SkinProgress.Worker";

    public static readonly ActivitySource Source = new(Name);

    public static readonly Meter Meter = new(Name);
}
