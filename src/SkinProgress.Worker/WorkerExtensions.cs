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

    /// <summary>How long one migration statement may run; a rewrite of a large table takes minutes.</summary>
    public static readonly TimeSpan MigrationCommandTimeout = TimeSpan.FromHours(2);

    public static async Task MigrateDatabaseAsync(this IHost host)
    {
        ArgumentNullException.ThrowIfNull(host);
        await using var scope = host.Services.CreateAsyncScope();
        var database = scope.ServiceProvider.GetRequiredService<SkinProgressDbContext>().Database;
        // A migration that rewrites a table (TypedEventColumns moves every stored event into columns) runs as long as
        // the table is large; the default 30 s command timeout aborted it on a database of a few million events.
        database.SetCommandTimeout(MigrationCommandTimeout);
        await database.MigrateAsync();
    }
}
