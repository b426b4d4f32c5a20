using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;

namespace SkinProgress.Connections.Http;

/// <summary>
/// The one way a provider gets its <see cref="HttpClient"/>: the standard resilience pipeline (retries with
/// exponential back-off and jitter on 5xx, 408, 429 and timeouts, honouring <c>Retry-After</c>; attempt and total
/// timeouts; a circuit breaker), tunable under <c>Providers:Http:Resilience</c>, and inside it the application's
/// request budget, so every attempt, retries included, is paid for before it is sent.
/// </summary>
public static class ProviderHttpExtensions
{
    public const string ResilienceSection = "Providers:Http:Resilience";

    /// <summary>Bodies larger than this are refused: the largest we fetch is a FIT file of a long exercise.</summary>
    public const long MaxResponseBytes = 32 * 1024 * 1024;

    public static string ClientName(string provider) => $"connections:{provider}";

    internal static IHttpClientBuilder AddProviderHttpClient(
        this IHostApplicationBuilder builder, string provider, Func<IServiceProvider, IReadOnlyList<RateWindow>> windows)
    {
        builder.Services.TryAddSingleton(TimeProvider.System);
        builder.Services.TryAddSingleton<IRateBudget, InMemoryRateBudget>();
        var client = builder.Services.AddHttpClient(ClientName(provider), c => c.MaxResponseContentBufferSize = MaxResponseBytes);
        // Bound through an action: the section is optional, and the overload taking a section refuses an empty one.
        client.AddStandardResilienceHandler(options => builder.Configuration.GetSection(ResilienceSection).Bind(options));
        client.AddHttpMessageHandler(sp => new RateBudgetHandler(
            provider, windows(sp), sp.GetRequiredService<IRateBudget>(), sp.GetRequiredService<TimeProvider>()));
        return client;
    }
}
