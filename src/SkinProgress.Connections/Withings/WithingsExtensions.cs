using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using SkinProgress.Connections.Http;

namespace SkinProgress.Connections.Withings;

public static class WithingsExtensions
{
    public static IHostApplicationBuilder AddWithings(this IHostApplicationBuilder builder)
    {
        builder.AddProvider<WithingsProvider, WithingsOptions>("Withings");
        builder.AddProviderHttpClient(WithingsProvider.ProviderName, sp => sp.GetRequiredService<IOptions<WithingsOptions>>().Value.RateWindows)
            .AddHttpMessageHandler(() => new WithingsStatusHandler());
        return builder;
    }
}
