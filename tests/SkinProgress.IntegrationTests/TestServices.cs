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

    /// <summary>Runs a services.sh command on the instances these tests use, found by the ports they connect to.</summary>
    public static async Task RunServicesScriptAsync(string command)
    {
        var ports = new Dictionary<string, string>
        {
            ["SKINPROGRESS_PG_PORT"] = new Npgsql.NpgsqlConnectionStringBuilder(Require("ConnectionStrings__Postgres")).Port.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["SKINPROGRESS_AMQP_PORT"] = Require("RabbitMq__Port"),
        };
        var exit = await RunAsync(ports, "bash", Path.Combine(RepositoryRoot, "scripts", "services.sh"), command, Profile);
        if (exit.Code != 0)
        {
            throw new InvalidOperationException($"services.sh {command} failed: {exit.Output}");
        }
    }

    public static Task<(int Code, string Output)> RunAsync(string file, params string[] args) =>
        RunAsync(new Dictionary<string, string>(), file, args);

    public static async Task<(int Code, string Output)> RunAsync(IReadOnlyDictionary<string, string> environment, string file, params string[] args)
    {
        var start = new ProcessStartInfo(file) { RedirectStandardOutput = true, RedirectStandardError = true, WorkingDirectory = RepositoryRoot };
        foreach (var (name, value) in environment)
        {
            start.Environment[name] = value;
        }

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
