using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using SkinProgress.Connections;

namespace SkinProgress.IntegrationTests.Connections.StandIns;

/// <summary>
/// The providers as the Worker builds them (<see cref="ConnectionProvidersExtensions.AddConnectionProviders"/>),
/// with every endpoint pointed at the stand-ins and the retry back-off shortened so tests wait for Retry-After only.
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
        var values = new Dictionary<string, string?>
        {
            ["Providers:Http:Resilience:Retry:Delay"] = "00:00:00.050",
            ["Providers:Http:Resilience:Retry:MaxRetryAttempts"] = "4",
        };
        if (strava is not null)
        {
            Point(values, "Strava", strava, "oauth/authorize", "oauth/token", "api/v3/");
            values["Providers:Strava:DeauthorizeUrl"] = strava.Url("oauth/deauthorize").AbsoluteUri;
            values["Providers:Strava:VerifyToken"] = "stand-in-verify-token";
        }

        if (withings is not null)
        {
            Point(values, "Withings", withings, "oauth2_user/authorize2", "v2/oauth2", "");
        }

        if (polar is not null)
        {
            Point(values, "Polar", polar, "oauth2/authorization", "v2/oauth2/token", "v3/");
            values["Providers:Polar:WebhookSecret"] = "stand-in-signature-secret";
        }

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

    private static void Point(Dictionary<string, string?> values, string name, StandInHost standIn, string authorize, string token, string api)
    {
        values[$"Providers:{name}:ClientId"] = StandInHost.ClientId;
        values[$"Providers:{name}:ClientSecret"] = StandInHost.ClientSecret;
        values[$"Providers:{name}:AuthorizeUrl"] = standIn.Url(authorize).AbsoluteUri;
        values[$"Providers:{name}:TokenUrl"] = standIn.Url(token).AbsoluteUri;
        values[$"Providers:{name}:ApiBaseUrl"] = standIn.Url(api).AbsoluteUri;
    }

    public async ValueTask DisposeAsync()
    {
        await _host.StopAsync();
        _host.Dispose();
    }
}
