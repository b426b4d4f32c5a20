using RabbitMQ.Client;

namespace SkinProgress.ServiceDefaults;

/// <summary>
/// The broker's queues as admins see them, read straight over AMQP: the readiness check and the operations pages
/// both ask here, so both name the same queues and count them the same way.
/// </summary>
public static class BrokerQueues
{
    /// <summary>Scoring: event batches and time-zone changes.</summary>
    public const string Scoring = "scoring";

    /// <summary>Summary runs an admin asked for.</summary>
    public const string SummaryRuns = "summary-runs";

    /// <summary>Provider connections: notifications to fetch, backfills to start, grants to revoke.</summary>
    public const string Connections = "connections";

    /// <summary>MassTransit names a queue's error queue with this suffix.</summary>
    private const string ErrorSuffix = "_error";

    /// <summary>The queues the Worker consumes.</summary>
    public static readonly IReadOnlyList<string> WorkQueues = [Scoring, SummaryRuns, Connections];

    /// <summary>Where messages that kept failing wait for an admin.</summary>
    public static readonly IReadOnlyList<string> ErrorQueues = [.. WorkQueues.Select(ErrorQueueOf)];

    /// <summary>The error queue of a work queue.</summary>
    public static string ErrorQueueOf(string workQueue) => workQueue + ErrorSuffix;

    /// <summary>The work queue an error queue's messages came from.</summary>
    public static string WorkQueueOf(string errorQueue) => errorQueue[..^ErrorSuffix.Length];

    public static ConnectionFactory Factory(RabbitMqOptions options, string clientName)
    {
        ArgumentNullException.ThrowIfNull(options);
        return new ConnectionFactory
        {
            HostName = options.Host,
            Port = options.Port,
            UserName = options.Username,
            Password = options.Password,
            VirtualHost = options.VirtualHost,
            RequestedConnectionTimeout = TimeSpan.FromSeconds(3),
            ClientProvidedName = clientName,
        };
    }

    /// <summary>A queue's counts, or null when it does not exist yet (nothing has used it).</summary>
    public static async Task<QueueDeclareOk?> InspectAsync(IConnection connection, string queue, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(connection);
        // A passive declare of a missing queue closes the channel, so each queue gets its own.
        await using var channel = await connection.CreateChannelAsync(cancellationToken: ct);
        try
        {
            return await channel.QueueDeclarePassiveAsync(queue, ct);
        }
        catch (RabbitMQ.Client.Exceptions.OperationInterruptedException)
        {
            return null;
        }
    }
}
