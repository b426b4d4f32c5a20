using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using SkinProgress.Connections;

namespace SkinProgress.IntegrationTests.Connections.StandIns;

/// <summary>
/// The providers as the Worker builds them (<see cref="ConnectionProvidersExtensions.AddConnectionProviders"/>),
/// pointed at the stand-ins with <see cref="ProviderStandIns.For"/>.
/// </summary>
public sealed class ProviderClients : IAsyncDisposable
{
    private readonly IHost _host;

    private ProviderClients(IHost host) => _host = host;

    public IServiceProvider Services => _host.Services;

    public T Get<T>() where T : notnull => _host.Services.GetRequiredService<T>();

    public static async Task<ProviderClients> StartAsync(
        StravaStandIn? strava = null, WithingsStandIn? withings = null, PolarStandIn? polar = null, IDictionary<string, string?>? settings = null)
    {
        var builder = Host.CreateApplicationBuilder();
        var values = ProviderStandIns.For(strava, withings, polar);
        foreach (var (key, value) in settings ?? new Dictionary<string, string?>())
        {
            values[key] = value;
        }

        builder.Configuration.AddInMemoryCollection(values);
        builder.Logging.ClearProviders();
        builder.AddConnectionProviders();
        var host = builder.Build();
        await host.StartAsync();
        return new ProviderClients(host);
    }

    public async ValueTask DisposeAsync()
    {
        await _host.StopAsync();
        _host.Dispose();
    }
}
