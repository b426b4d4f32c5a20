using System.Text.Json;
using RabbitMQ.Client;
using SkinProgress.ServiceDefaults;

namespace SkinProgress.IntegrationTests.Ingest;

/// <summary>
/// A queue of the test's own, bound to the exchange MassTransit publishes a message type to: every message of that
/// type published while it is open lands in it too, so a test can count what the Api actually published. Also
/// takes the scoring queue's binding away for a while, to see what the Api does when no queue takes a message.
/// </summary>
public sealed class PublishedMessages : IAsyncDisposable
{
    private readonly IConnection connection;
    private readonly IChannel channel;
    private readonly string queue;

    private PublishedMessages(IConnection connection, IChannel channel, string queue)
    {
        this.connection = connection;
        this.channel = channel;
        this.queue = queue;
    }

    /// <summary>Starts copying messages of the type whose MassTransit exchange is <paramref name="exchange"/> ("Namespace:Type").</summary>
    public static async Task<PublishedMessages> TapAsync(string exchange)
    {
        var (connection, channel) = await ConnectAsync();
        // Declared as MassTransit declares it (durable fanout), in case nothing has published the type yet.
        await channel.ExchangeDeclareAsync(exchange, ExchangeType.Fanout, durable: true, autoDelete: false);
        var declared = await channel.QueueDeclareAsync("", durable: false, exclusive: true, autoDelete: true);
        await channel.QueueBindAsync(declared.QueueName, exchange, "");
        return new PublishedMessages(connection, channel, declared.QueueName);
    }

    /// <summary>
    /// Takes away the binding through which the Worker's scoring queue receives the type's messages (MassTransit binds
    /// the type's exchange to an exchange named after the queue), until the returned handle is disposed.
    /// </summary>
    public static async Task<IAsyncDisposable> UnbindFromScoringAsync(string exchange)
    {
        var (connection, channel) = await ConnectAsync();
        await channel.ExchangeUnbindAsync(BrokerQueues.Scoring, exchange, "");
        return new Rebinding(connection, channel, exchange);
    }

    /// <summary>The bodies (MassTransit's JSON envelope, <c>message</c> inside) of every message copied so far.</summary>
    public async Task<List<JsonElement>> TakeAsync()
    {
        var messages = new List<JsonElement>();
        while (await channel.BasicGetAsync(queue, autoAck: true) is { } message)
        {
            using var envelope = JsonDocument.Parse(message.Body);
            messages.Add(envelope.RootElement.GetProperty("message").Clone());
        }

        return messages;
    }

    public async ValueTask DisposeAsync()
    {
        await channel.DisposeAsync();
        await connection.DisposeAsync();
    }

    private static async Task<(IConnection, IChannel)> ConnectAsync()
    {
        var factory = new ConnectionFactory
        {
            HostName = TestServices.Require("RabbitMq__Host"),
            Port = int.Parse(TestServices.Require("RabbitMq__Port"), System.Globalization.CultureInfo.InvariantCulture),
            UserName = TestServices.Require("RabbitMq__Username"),
            Password = TestServices.Require("RabbitMq__Password"),
        };
        var connection = await factory.CreateConnectionAsync();
        return (connection, await connection.CreateChannelAsync());
    }

    private sealed class Rebinding(IConnection connection, IChannel channel, string exchange) : IAsyncDisposable
    {
        public async ValueTask DisposeAsync()
        {
            await channel.ExchangeBindAsync(BrokerQueues.Scoring, exchange, "");
            await channel.DisposeAsync();
            await connection.DisposeAsync();
        }
    }
}
