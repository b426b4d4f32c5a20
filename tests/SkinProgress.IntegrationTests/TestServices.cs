using System.Diagnostics;

namespace SkinProgress.IntegrationTests;

/// <summary>
/// The services ./test.sh started: their settings come from the environment it exports, and faults
/// are injected through the same script that started them.
/// </summary>
public static class TestServices
{
    public static string RepositoryRoot { get; } = FindRoot();

    public static string Require(string name) =>
        Environment.GetEnvironmentVariable(name)
        ?? throw new InvalidOperationException($"{name} is not set: run the tests through ./test.sh, which starts PostgreSQL and RabbitMQ.");

    public static string Profile => Environment.GetEnvironmentVariable("SKINPROGRESS_SERVICES_PROFILE") ?? "test";

    public static async Task RunServicesScriptAsync(string command)
    {
        var exit = await RunAsync("bash", Path.Combine(RepositoryRoot, "scripts", "services.sh"), command, Profile);
        if (exit.Code != 0)
        {
            throw new InvalidOperationException($"services.sh {command} failed: {exit.Output}");
        }
    }

    public static async Task<(int Code, string Output)> RunAsync(string file, params string[] args)
    {
        var start = new ProcessStartInfo(file) { RedirectStandardOutput = true, RedirectStandardError = true, WorkingDirectory = RepositoryRoot };
        foreach (var arg in args)
        {
            start.ArgumentList.Add(arg);
        }

        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        return (process.ExitCode, await stdout + await stderr);
    }

    private static string FindRoot()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "SkinProgress.sln")))
        {
            dir = dir.Parent;
        }

        return dir?.FullName ?? throw new InvalidOperationException("SkinProgress.sln not found above the test output.");
    }
}
