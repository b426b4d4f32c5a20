using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using SkinProgress.Connections.Http;

namespace SkinProgress.Connections.Strava;

public static class StravaExtensions
{
    public static IHostApplicationBuilder AddStrava(this IHostApplicationBuilder builder)
    {
        builder.AddProvider<StravaProvider, StravaOptions>("Strava");
        builder.AddProviderHttpClient(StravaProvider.ProviderName, sp => sp.GetRequiredService<IOptions<StravaOptions>>().Value.RateWindows)
            .AddHttpMessageHandler(sp => new StravaUsageHandler(
                sp.GetRequiredService<IOptions<StravaOptions>>().Value.RateWindows, sp.GetRequiredService<IRateBudget>(), sp.GetRequiredService<TimeProvider>()));
        return builder;
    }
}
