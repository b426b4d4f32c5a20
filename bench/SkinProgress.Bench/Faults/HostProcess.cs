using System.Diagnostics;
using System.Globalization;

namespace SkinProgress.Bench.Faults;

/// <summary>
/// A host (the Api or the Worker) run as a child of the fault run, so it can be SIGKILLed and started again. It
/// inherits this process's environment: the settings bench/faults.sh exported. Its output is appended to one log.
/// </summary>
public sealed class HostProcess(string dll, string log, params string[] args) : IDisposable
{
    private Process? process;

    public int Pid => process?.Id ?? 0;

    public bool HasExited => process is null || process.HasExited;

    public void Start()
    {
        // exec, so the pid is the host's own and SIGKILL reaches it, not a shell.
        var arguments = string.Concat(args.Select(a => $" '{a}'"));
        var start = new ProcessStartInfo("/bin/sh") { UseShellExecute = false };
        start.ArgumentList.Add("-c");
        start.ArgumentList.Add($"exec dotnet '{dll}' --contentRoot '{Path.GetDirectoryName(dll)}'{arguments} >> '{log}' 2>&1");
        process = Process.Start(start) ?? throw new InvalidOperationException($"{Path.GetFileName(dll)} did not start.");
    }

    /// <summary>SIGKILL: no graceful stop; whatever it had in flight is cut off where it stood.</summary>
    public async Task KillAsync()
    {
        if (process is { HasExited: false })
        {
            process.Kill(entireProcessTree: false);
            await process.WaitForExitAsync();
        }

        process?.Dispose();
        process = null;
    }

    /// <summary>SIGTERM, as a deployment would stop it, and SIGKILL if it has not stopped within 40 s.</summary>
    public async Task StopAsync()
    {
        if (process is { HasExited: false })
        {
            using var term = Process.Start("kill", ["-TERM", process.Id.ToString(CultureInfo.InvariantCulture)]);
            await term.WaitForExitAsync();
            using var wait = new CancellationTokenSource(TimeSpan.FromSeconds(40));
            try
            {
                await process.WaitForExitAsync(wait.Token);
            }
            catch (OperationCanceledException)
            {
                process.Kill();
            }
        }
    }

    /// <summary>A run that ends early (an exception, Ctrl-C) leaves no host behind.</summary>
    public void Dispose()
    {
        if (process is { HasExited: false })
        {
            process.Kill();
        }

        process?.Dispose();
    }
}
