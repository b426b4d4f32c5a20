using Microsoft.EntityFrameworkCore;
using SkinProgress.Connections;
using SkinProgress.Data;
using SkinProgress.ServiceDefaults;
using SkinProgress.Worker.Scoring;
using SkinProgress.Worker.Summaries;

namespace SkinProgress.Worker;

public static class WorkerExtensions
{
    /// <summary>Everything the Worker runs: the scoring consumers on the broker, and the weekly summaries on Hangfire.</summary>
    public static IHostApplicationBuilder AddWorker(this IHostApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.AddServiceDefaults();
        builder.AddSkinProgressData();
        builder.AddConnectionProviders();
        builder.AddScoring();
        builder.AddSummaries();
        builder.AddBus(bus =>
        {
            bus.AddScoringConsumers();
            bus.AddSummaryConsumers();
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
