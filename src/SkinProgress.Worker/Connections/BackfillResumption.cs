using Hangfire;
using Microsoft.EntityFrameworkCore;
using SkinProgress.Connections;
using SkinProgress.Data;
using SkinProgress.Data.Connections;
using SkinProgress.ServiceDefaults;
using SkinProgress.ServiceDefaults.Jobs;

namespace SkinProgress.Worker.Connections;

/// <summary>
/// On start, queues the backfill of every connection still backfilling with a provider this Worker has: its
/// <c>ConnectionAuthorized</c> may have been lost (a refused publish on connect) or its job deleted. A backfill whose
/// job is still alive loses nothing by a second run (see <see cref="BackfillConnectionJob"/>).
/// </summary>
public sealed class BackfillResumption(IServiceScopeFactory scopes, IEnumerable<IConnectionProvider> providers, IBackgroundJobClient jobs, ILogger<BackfillResumption> logger)
    : IHostedService
{
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        var configured = providers.Where(p => p.IsConfigured).Select(p => p.Name).ToList();
        if (configured.Count == 0)
        {
            return;
        }

        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<SkinProgressDbContext>();
        List<(Guid Id, string Provider)> backfilling;
        try
        {
            backfilling = [.. (await db.Connections.AsNoTracking()
                .Where(c => c.State == ConnectionStates.Backfilling && c.RemovedAt == null && configured.Contains(c.Provider))
                .Select(c => new { c.Id, c.Provider })
                .ToListAsync(cancellationToken)).Select(c => (c.Id, c.Provider))];
        }
        catch (Exception e) when (TransientErrors.IsTransient(e))
        {
            // Without the database the Worker still starts (its consumers wait for it); the next start resumes.
            logger.LogWarning(e, "Backfills were not resumed: the database is unavailable");
            return;
        }

        foreach (var (id, provider) in backfilling)
        {
            jobs.Enqueue<IBackfillConnection>(j => j.RunAsync(id, provider, CancellationToken.None));
        }

        if (backfilling.Count > 0)
        {
            logger.LogInformation("Resumed {Count} backfills", backfilling.Count);
        }
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
