using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace SkinProgress.Data;

public static class DataExtensions
{
    public const string ConnectionStringName = "Postgres";

    public static IHostApplicationBuilder AddSkinProgressData(this IHostApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        // Read when the first context is made, so configuration added after this call (tests) still applies.
        builder.Services.AddDbContextPool<SkinProgressDbContext>((services, o) =>
            o.UseNpgsql(ConnectionString(services.GetRequiredService<IConfiguration>())));
        return builder;
    }

    public static string ConnectionString(IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        var connectionString = configuration.GetConnectionString(ConnectionStringName);
        return string.IsNullOrWhiteSpace(connectionString)
            ? throw new InvalidOperationException($"ConnectionStrings:{ConnectionStringName} is not configured (environment: ConnectionStrings__{ConnectionStringName}).")
            : connectionString;
    }
}
