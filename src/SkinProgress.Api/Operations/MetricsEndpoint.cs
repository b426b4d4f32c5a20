using Microsoft.Extensions.Options;
using Prometheus;
using SkinProgress.Api.Auth;

namespace SkinProgress.Api.Operations;

/// <summary>
/// GET /metrics, Prometheus text. An internal endpoint: it is for the scraper on the operator's network and belongs
/// behind the proxy, not on the internet. It holds no secret (database pools are named for the application, not
/// after their connection string), but it shows traffic, error rates and what ingest accepted; where the scraper
/// can send a key, Metrics__RequireAdminKey makes it take an admin key.
/// </summary>
public static class MetricsEndpoint
{
    public const string Path = "/metrics";

    public static IHostApplicationBuilder AddMetricsEndpoint(this IHostApplicationBuilder builder)
    {
        // Read when the endpoint is mapped, so a value that does not bind stops the start.
        builder.Services.AddOptions<MetricsOptions>().Bind(builder.Configuration.GetSection(MetricsOptions.Section));
        return builder;
    }

    public static WebApplication MapMetricsEndpoint(this WebApplication app)
    {
        var endpoint = app.MapMetrics(Path);
        if (app.Services.GetRequiredService<IOptions<MetricsOptions>>().Value.RequireAdminKey)
        {
            endpoint.RequireAuthorization(AuthExtensions.AdminPolicy);
        }

        return app;
    }
}
