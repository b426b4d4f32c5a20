using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace SkinProgress.Email;

public static class SummaryEmailServiceCollectionExtensions
{
    /// <summary>Registers <see cref="SummaryEmailRenderer"/> as a singleton (and a no-op logger factory when none is).</summary>
    public static IServiceCollection AddSummaryEmail(this IServiceCollection services)
    {
        ArgumentNullException.ThrowIfNull(services);
        services.TryAddSingleton<ILoggerFactory>(NullLoggerFactory.Instance);
        services.TryAddSingleton<SummaryEmailRenderer>();
        return services;
    }
}
