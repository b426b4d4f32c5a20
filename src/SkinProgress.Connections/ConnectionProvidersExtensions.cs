using Microsoft.Extensions.Hosting;
using SkinProgress.Connections.Polar;
using SkinProgress.Connections.Strava;
using SkinProgress.Connections.Withings;

namespace SkinProgress.Connections;

public static class ConnectionProvidersExtensions
{
    /// <summary>
    /// Every provider SkinProgress knows, each an <see cref="IConnectionProvider"/> singleton (offered only when its
    /// <see cref="IConnectionProvider.IsConfigured"/>). A new provider is a folder and one line here.
    /// </summary>
    public static IHostApplicationBuilder AddConnectionProviders(this IHostApplicationBuilder builder)
    {
        builder.AddStrava();
        builder.AddWithings();
        builder.AddPolar();
        return builder;
    }
}
