using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Npgsql;
using SkinProgress.Data.Connections;
using SkinProgress.Data.Protection;
using SkinProgress.Data.Summaries;

namespace SkinProgress.Data;

public static class DataExtensions
{
    public const string ConnectionStringName = "Postgres";

    /// <summary>
    /// The process's one connection pool (<see cref="NpgsqlDataSource"/>), which EF Core, Hangfire's storage and the
    /// health check share, the <see cref="SkinProgressDbContext"/> on it, the Data Protection key ring it holds, and the
    /// tables' hand-written statements.
    /// </summary>
    public static IHostApplicationBuilder AddSkinProgressData(this IHostApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        // Read when first needed, so configuration added after this call (tests) still applies.
        builder.Services.AddSingleton(services => new NpgsqlDataSourceBuilder(ConnectionString(services.GetRequiredService<IConfiguration>()))
        {
            // Unnamed, Npgsql names the pool in its metrics (which the Api serves at /metrics) after the connection
            // string: host, port, database and user.
            Name = services.GetRequiredService<IHostEnvironment>().ApplicationName,
        }.Build());
        builder.Services.AddDbContextPool<SkinProgressDbContext>((services, o) => o.UseNpgsql(services.GetRequiredService<NpgsqlDataSource>()));
        builder.AddSharedKeyRing();
        builder.Services.AddSingleton<ConnectionTokens>();
        builder.Services.AddSingleton<ReconnectTokens>();
        builder.Services.AddScoped<WeeklySummaryStatements>();
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
