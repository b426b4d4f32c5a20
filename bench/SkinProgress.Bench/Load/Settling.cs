using System.Diagnostics;
using Npgsql;
using SkinProgress.Data.Maintenance;

namespace SkinProgress.Bench.Load;

/// <summary>What settling before a phase took: the earlier phases' leftover background work, charged to neither.</summary>
public sealed record SettleResult(string Before, TimeSpan Took, double PostgresCpuSeconds, bool Quiet);

/// <summary>
/// Before a phase, finishes what the phases before it left PostgreSQL to do, so that work is not charged to this one:
/// autovacuum and the next checkpoint after a large batched phase would otherwise fall inside the next phase, whose
/// CPU per event then says more about its predecessor than about itself. VACUUM (ANALYZE) does now what autovacuum would start at its next
/// round (up to a minute away, so merely waiting for no autovacuum worker could end just before one starts), CHECKPOINT
/// writes out the dirty buffers, then it waits until no autovacuum worker runs and the scoring queue holds no ready
/// message. Bounded: when <paramref name="timeout"/> runs out the phase starts anyway, and the result says so.
/// </summary>
public sealed class Settling(NpgsqlDataSource data, Monitor monitor, TimeSpan timeout)
{
    public async Task<SettleResult> BeforeAsync(string phase, CancellationToken ct)
    {
        monitor.Phase = "settling";
        var cpuBefore = monitor.CpuSnapshot();
        var started = Stopwatch.GetTimestamp();
        using var limit = CancellationTokenSource.CreateLinkedTokenSource(ct);
        limit.CancelAfter(timeout);
        var quiet = false;
        try
        {
            await using (var connection = await data.OpenConnectionAsync(limit.Token))
            {
                await HousekeepingStatements.VacuumAnalyzeAsync(connection, limit.Token);
                await HousekeepingStatements.CheckpointAsync(connection, limit.Token);
            }

            while (!await IsQuietAsync(started, limit.Token))
            {
                await Task.Delay(200, limit.Token);
            }

            quiet = true;
        }
        catch (OperationCanceledException) when (!ct.IsCancellationRequested)
        {
            Console.Error.WriteLine($"[bench] PostgreSQL still busy after {timeout.TotalSeconds:F0} s; starting {phase} anyway");
        }

        var took = Stopwatch.GetElapsedTime(started);
        var postgres = monitor.CpuSnapshot().GetValueOrDefault("PostgreSQL") - cpuBefore.GetValueOrDefault("PostgreSQL");
        Console.Error.WriteLine($"[bench] settled before {phase}: {took.TotalSeconds:F1} s, PostgreSQL {postgres:F1} CPU s");
        return new SettleResult(phase, took, postgres, quiet);
    }

    private async Task<bool> IsQuietAsync(long since, CancellationToken ct)
    {
        await using var connection = await data.OpenConnectionAsync(ct);
        return await HousekeepingStatements.AutovacuumWorkersAsync(connection, ct) == 0
            && monitor.LastDepth is { } depth && depth.TakenAt > since && depth.Ready == 0;
    }
}
