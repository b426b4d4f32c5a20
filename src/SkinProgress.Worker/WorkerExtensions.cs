using Microsoft.EntityFrameworkCore;
using SkinProgress.Data;
using SkinProgress.ServiceDefaults;
using SkinProgress.Worker.Scoring;

namespace SkinProgress.Worker;

public static class WorkerExtensions
{
    /// <summary>Everything the Worker runs: the scoring consumers on the broker, writing to PostgreSQL.</summary>
    public static IHostApplicationBuilder AddWorker(this IHostApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.AddServiceDefaults();
        builder.AddSkinProgressData();
        builder.Services.AddScoring();
        builder.AddBus(bus => bus.AddScoringConsumers());
        return builder;
    }

    public static async Task MigrateDatabaseAsync(this IHost host)
    {
        ArgumentNullException.ThrowIfNull(host);
        await using var scope = host.Services.CreateAsyncScope();
        await scope.ServiceProvider.GetRequiredService<SkinProgressDbContext>().Database.MigrateAsync();
    }
}
