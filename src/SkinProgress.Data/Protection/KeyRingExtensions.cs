using Microsoft.AspNetCore.DataProtection;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace SkinProgress.Data.Protection;

public static class KeyRingExtensions
{
    /// <summary>
    /// One isolation boundary for every host: data protected by the Api (a provider's tokens, an OAuth state) is read by
    /// any Worker, whatever each process's own application name or content root.
    /// </summary>
    public const string ApplicationName = "SkinProgress";

    /// <summary>
    /// ASP.NET Core Data Protection with its key ring in the data_protection_keys table, so every Api and Worker
    /// instance protects and unprotects with the same keys, and a restarted or newly started instance keeps reading
    /// what the others wrote.
    /// </summary>
    public static IHostApplicationBuilder AddSharedKeyRing(this IHostApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.Services.AddDataProtection()
            .SetApplicationName(ApplicationName)
            .PersistKeysToDbContext<SkinProgressDbContext>();
        return builder;
    }
}
