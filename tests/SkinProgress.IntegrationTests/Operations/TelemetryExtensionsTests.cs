using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using OpenTelemetry.Metrics;
using OpenTelemetry.Trace;
using SkinProgress.ServiceDefaults.Telemetry;

namespace SkinProgress.IntegrationTests.Operations;

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
