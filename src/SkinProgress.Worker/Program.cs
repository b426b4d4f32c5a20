namespace SkinProgress.Worker;

public static class Program
{
    public static async Task Main(string[] args)
    {
        var builder = Host.CreateApplicationBuilder(args);
        builder.AddWorker();
        using var host = builder.Build();

        // `migrate` applies the EF Core migrations and exits: run.sh and deployments call it before starting the hosts.
        if (args is ["migrate"])
        {
            await host.MigrateDatabaseAsync();
            return;
        }

        await host.RunAsync();
    }
}
