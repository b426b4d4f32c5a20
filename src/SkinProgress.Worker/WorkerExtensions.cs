using Microsoft.EntityFrameworkCore;
using SkinProgress.Data;
using SkinProgress.ServiceDefaults;
using SkinProgress.Worker.Connections;
using SkinProgress.Worker.Scoring;
using SkinProgress.Worker.Summaries;

namespace SkinProgress.Worker;

public static class WorkerExtensions
{
    /// <summary>
    /// Everything the Worker runs: the scoring consumers on the broker, the weekly summaries on Hangfire, and provider
    /// connections (notifications on the broker, backfills on Hangfire).
    /// </summary>
    public static IHostApplicationBuilder AddWorker(this IHostApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.AddServiceDefaults();
        builder.AddSkinProgressData();
        builder.AddScoring();
        builder.AddSummaries();
        builder.AddConnections();
        builder.AddBus(bus =>
        {
            bus.AddScoringConsumers();
            bus.AddSummaryConsumers();
            bus.AddConnectionConsumers();
        });
        return builder;
    }

    public static async Task MigrateDatabaseAsync(this IHost host)
    {
        ArgumentNullException.ThrowIfNull(host);
        await using var scope = host.Services.CreateAsyncScope();
        await scope.ServiceProvider.GetRequiredService<SkinProgressDbContext>().Database.MigrateAsync();
    }
}
