using Hangfire;
using MassTransit;
using SkinProgress.Contracts;
using SkinProgress.ServiceDefaults.Jobs;

namespace SkinProgress.Worker.Connections;

/// <summary>Starts a new connection's backfill as a job: it runs for minutes, and Hangfire keeps it across restarts.</summary>
public sealed class ConnectionAuthorizedConsumer(IBackgroundJobClient jobs) : IConsumer<ConnectionAuthorized>
{
    public Task Consume(ConsumeContext<ConnectionAuthorized> context)
    {
        var message = context.Message;
        jobs.Enqueue<IBackfillConnection>(j => j.RunAsync(message.ConnectionId, message.Provider, CancellationToken.None));
        return Task.CompletedTask;
    }
}
