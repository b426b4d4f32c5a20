using System.Diagnostics;

namespace SkinProgress.Bench.Faults;

/// <summary>
/// Owns the Worker process (so it can SIGKILL and restart it) and calls scripts/services.sh for the broker and
/// database faults. The Worker inherits this process's environment: the same settings bench/faults.sh exported.
/// </summary>
public sealed class FaultInjector(string workerDll, string workerLog, string servicesScript, string profile) : IDisposable
{
    private Process? worker;

    public int WorkerPid => worker?.Id ?? 0;

    public void StartWorker()
    {
        // exec, so the pid is the Worker's own and SIGKILL reaches it, not a shell.
        var start = new ProcessStartInfo("/bin/sh") { UseShellExecute = false };
        start.ArgumentList.Add("-c");
        start.ArgumentList.Add($"exec dotnet '{workerDll}' --contentRoot '{Path.GetDirectoryName(workerDll)}' >> '{workerLog}' 2>&1");
        worker = Process.Start(start) ?? throw new InvalidOperationException("The Worker did not start.");
    }

    public async Task KillWorkerAsync()
    {
        if (worker is { HasExited: false })
        {
            worker.Kill(entireProcessTree: false); // SIGKILL: no graceful stop, in-flight messages stay unacknowledged
            await worker.WaitForExitAsync();
        }

        worker?.Dispose();
        worker = null;
    }

    public async Task StopWorkerAsync()
    {
        if (worker is { HasExited: false })
        {
            using var term = Process.Start("kill", ["-TERM", worker.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)]);
            await term.WaitForExitAsync();
            using var wait = new CancellationTokenSource(TimeSpan.FromSeconds(40));
            try
            {
                await worker.WaitForExitAsync(wait.Token);
            }
            catch (OperationCanceledException)
            {
                worker.Kill();
            }
        }
    }

    public async Task ServicesAsync(string command)
    {
        var start = new ProcessStartInfo(servicesScript) { UseShellExecute = false };
        start.ArgumentList.Add(command);
        start.ArgumentList.Add(profile);
        using var process = Process.Start(start) ?? throw new InvalidOperationException("services.sh did not start.");
        await process.WaitForExitAsync();
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"services.sh {command} {profile} exited with {process.ExitCode}.");
        }
    }

    public void Dispose() => worker?.Dispose();
}
