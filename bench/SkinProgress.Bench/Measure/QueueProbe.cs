using RabbitMQ.Client;

namespace SkinProgress.Bench.Measure;

public readonly record struct QueueSample(TimeSpan At, long Ready, long Consumers);

/// <summary>
/// The scoring queue's depth by a passive declare: cheap enough to sample every second under load, unlike
/// rabbitmqctl, which starts an Erlang VM per call. It counts ready messages; unacknowledged ones (at most
/// the Worker's prefetch) are not included.
/// </summary>
public sealed class QueueProbe : IAsyncDisposable
{
    private readonly ConnectionFactory factory;
    private IConnection? connection;
    private IChannel? channel;

    public QueueProbe()
    {
        factory = new ConnectionFactory
        {
            HostName = BenchArgs.Env("RabbitMq__Host"),
            Port = int.Parse(BenchArgs.Env("RabbitMq__Port"), System.Globalization.CultureInfo.InvariantCulture),
            UserName = BenchArgs.Env("RabbitMq__Username"),
            Password = BenchArgs.Env("RabbitMq__Password"),
            VirtualHost = BenchArgs.Env("RabbitMq__VirtualHost"),
            RequestedConnectionTimeout = TimeSpan.FromSeconds(2),
            AutomaticRecoveryEnabled = false,
            ClientProvidedName = "skinprogress-bench-probe",
        };
    }

    /// <summary>Ready messages and consumers of the queue, or null while the broker is unreachable.</summary>
    public async Task<(long Ready, long Consumers)?> DepthAsync(string queue, CancellationToken ct)
    {
        try
        {
            if (connection is not { IsOpen: true })
            {
                await DropAsync();
                connection = await factory.CreateConnectionAsync(ct);
            }

            if (channel is not { IsOpen: true })
            {
                channel = await connection.CreateChannelAsync(cancellationToken: ct);
            }

            var ok = await channel.QueueDeclarePassiveAsync(queue, ct);
            return (ok.MessageCount, ok.ConsumerCount);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            await DropAsync();
            return null;
        }
    }

    private async Task DropAsync()
    {
        try
        {
            if (channel is not null)
            {
                await channel.DisposeAsync();
            }

            if (connection is not null)
            {
                await connection.DisposeAsync();
            }
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            // Already broken: nothing to close.
        }

        channel = null;
        connection = null;
    }

    public async ValueTask DisposeAsync() => await DropAsync();
}
