using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using SkinProgress.Connections.Http;

namespace SkinProgress.Connections.Polar;

public static class PolarExtensions
{
    public static IHostApplicationBuilder AddPolar(this IHostApplicationBuilder builder)
    {
        builder.AddProvider<PolarProvider, PolarOptions>("Polar");
        builder.AddProviderHttpClient(PolarProvider.ProviderName, sp => sp.GetRequiredService<IOptions<PolarOptions>>().Value.RateWindows);
        return builder;
    }
}
