using Hangfire;
using Hangfire.AspNetCore;
using Hangfire.PostgreSql;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Npgsql;

namespace SkinProgress.ServiceDefaults.Jobs;

public static class JobStorageExtensions
{
    // Hangfire's log provider is process-wide static state. Bound to a host's ILoggerFactory it breaks once that
    // host is disposed (another host in the same process, as in the tests, then logs into a disposed factory),
    // so Hangfire logs through a factory that lives as long as the process.
    private static readonly ILoggerFactory ProcessLoggerFactory =
        LoggerFactory.Create(b => b.AddJsonConsole().SetMinimumLevel(LogLevel.Information));

    /// <summary>
    /// Hangfire's storage in the application's PostgreSQL (its own schema). The Api uses it for the dashboard only;
    /// the Worker runs the server. The sliding invisibility timeout keeps a
    /// long job from being picked up twice while its server is alive, and frees it soon after the server dies.
    /// </summary>
    public static IHostApplicationBuilder AddJobStorage(this IHostApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.Services.AddHangfire((services, config) => config
            .SetDataCompatibilityLevel(CompatibilityLevel.Version_180)
            .UseSimpleAssemblyNameTypeSerializer()
            .UseRecommendedSerializerSettings()
            .UseLogProvider(new AspNetCoreLogProvider(ProcessLoggerFactory))
            .UseFilter(new JobTracingFilter())
            .UsePostgreSqlStorage(
                o => o.UseConnectionFactory(new DataSourceConnectionFactory(services.GetRequiredService<NpgsqlDataSource>())),
                new PostgreSqlStorageOptions
                {
                    UseSlidingInvisibilityTimeout = true,
                    InvisibilityTimeout = TimeSpan.FromMinutes(5),
                    QueuePollInterval = TimeSpan.FromSeconds(1),
                    PrepareSchemaIfNecessary = true,
                }));
        return builder;
    }
}
