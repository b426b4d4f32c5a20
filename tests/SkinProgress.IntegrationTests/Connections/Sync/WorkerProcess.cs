using System.Diagnostics;

namespace SkinProgress.IntegrationTests.Connections.Sync;

/// <summary>
/// The built Worker run as a process of its own (<c>dotnet SkinProgress.Worker.dll</c>) on the given settings, so a test
/// can kill it as a crash would: SIGKILL, no shutdown, nothing flushed.
/// </summary>
public sealed class WorkerProcess : IDisposable
{
    private readonly Process _process;

    private WorkerProcess(Process process) => _process = process;

    public static WorkerProcess Start(IReadOnlyDictionary<string, string?> settings)
    {
        var start = new ProcessStartInfo("dotnet", [WorkerDll()])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.Environment["DOTNET_ENVIRONMENT"] = "Development";
        foreach (var (key, value) in settings)
        {
            start.Environment[key.Replace(":", "__", StringComparison.Ordinal)] = value;
        }

        var process = Process.Start(start) ?? throw new InvalidOperationException("The Worker did not start.");
        // Read and dropped, so a full pipe never blocks the Worker.
        process.OutputDataReceived += (_, _) => { };
        process.ErrorDataReceived += (_, _) => { };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return new WorkerProcess(process);
    }

    /// <summary>SIGKILL (Process.Kill on Unix).</summary>
    public void Kill()
    {
        _process.Kill(entireProcessTree: true);
        _process.WaitForExit();
    }

    /// <summary>The Worker built beside this test assembly, in the same configuration.</summary>
    private static string WorkerDll()
    {
        var testBin = new DirectoryInfo(AppContext.BaseDirectory.TrimEnd(Path.DirectorySeparatorChar));
        var framework = testBin.Name;
        var configuration = testBin.Parent!.Name;
        var root = testBin;
        while (root is not null && !File.Exists(Path.Combine(root.FullName, "SkinProgress.sln")))
        {
            root = root.Parent;
        }

        var dll = Path.Combine(root?.FullName ?? throw new InvalidOperationException("The repository root was not found."),
            "src", "SkinProgress.Worker", "bin", configuration, framework, "SkinProgress.Worker.dll");
        return File.Exists(dll) ? dll : throw new InvalidOperationException($"The Worker is not built: {dll}");
    }

    public void Dispose()
    {
        if (!_process.HasExited)
        {
            Kill();
        }

        _process.Dispose();
    }
}
