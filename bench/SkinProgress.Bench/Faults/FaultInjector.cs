using System.Diagnostics;

namespace SkinProgress.Bench.Faults;

/// <summary>
/// Owns the Api and the Worker processes (so it can SIGKILL and restart them) and calls scripts/services.sh for the
/// broker and database faults.
/// </summary>
public sealed class FaultInjector(HostProcess api, HostProcess worker, string servicesScript, string profile) : IDisposable
{
    public HostProcess Api { get; } = api;

    public HostProcess Worker { get; } = worker;

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

    public void Dispose()
    {
        Api.Dispose();
        Worker.Dispose();
    }
}
