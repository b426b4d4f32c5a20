using System.Diagnostics;
using MassTransit.Logging;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using OpenTelemetry.Metrics;
using OpenTelemetry.Trace;
using SkinProgress.ServiceDefaults.Telemetry;

namespace SkinProgress.IntegrationTests.Operations;

// In the collection of the tests that listen to activities themselves, so that no other listener runs meanwhile.
[Collection(RealServices.Name)]
public sealed class TelemetryExtensionsTests
{
    [Fact]
    public void WithoutAnOtlpEndpoint_NoTracesOrMetricsAreCollected()
    {
        using var host = Build(endpoint: null);
        Assert.Null(host.Services.GetService<TracerProvider>());
        Assert.Null(host.Services.GetService<MeterProvider>());
    }

    [Fact]
    public void WithoutAnOtlpEndpoint_AConsumeStillHasATraceIdForItsLogs_ButIsNotRecorded()
    {
        using var host = Build(endpoint: null);
        using var source = new ActivitySource(DiagnosticHeaders.DefaultListenerName);
        using var consume = source.StartActivity("consume", ActivityKind.Consumer);
        Assert.NotNull(consume);
        Assert.NotEqual(default, consume.TraceId);
        Assert.False(consume.Recorded);
    }

    [Fact]
    public void WithAnOtlpEndpoint_TracesAndMetricsAreCollected()
    {
        using var host = Build(endpoint: "http://127.0.0.1:4317");
        Assert.NotNull(host.Services.GetService<TracerProvider>());
        Assert.NotNull(host.Services.GetService<MeterProvider>());
    }

    private static IHost Build(string? endpoint)
    {
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
        builder.Configuration[TelemetryExtensions.OtlpEndpointSetting] = endpoint;
        builder.AddTelemetry();
        return builder.Build();
    }
}
