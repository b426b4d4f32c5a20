using System.Text;
using RabbitMQ.Client;

namespace SkinProgress.IntegrationTests.Connections;

/// <summary>
/// A queue of its own bound to the exchange MassTransit publishes a message type to, so a test sees what was
/// published (and confirmed) without a consumer taking it from anybody else.
/// </summary>
public sealed class BrokerTap : IAsyncDisposable
{
    private readonly IConnection _connection;
    private readonly IChannel _channel;
    private readonly string _queue;

    private BrokerTap(IConnection connection, IChannel channel, string queue)
    {
        _connection = connection;
        _channel = channel;
        _queue = queue;
    }

    public static async Task<BrokerTap> StartAsync<T>()
    {
        var factory = new ConnectionFactory
        {
            HostName = TestServices.Require("RabbitMq__Host"),
            Port = int.Parse(TestServices.Require("RabbitMq__Port"), System.Globalization.CultureInfo.InvariantCulture),
            UserName = TestServices.Require("RabbitMq__Username"),
            Password = TestServices.Require("RabbitMq__Password"),
        };
        var connection = await factory.CreateConnectionAsync();
        var channel = await connection.CreateChannelAsync();
        // Declared as MassTransit declares a message type's exchange, so whichever comes first, both agree.
        var exchange = $"{typeof(T).Namespace}:{typeof(T).Name}";
        await channel.ExchangeDeclareAsync(exchange, ExchangeType.Fanout, durable: true, autoDelete: false);
        var queue = (await channel.QueueDeclareAsync(string.Empty, durable: false, exclusive: true, autoDelete: true)).QueueName;
        await channel.QueueBindAsync(queue, exchange, string.Empty);
        return new BrokerTap(connection, channel, queue);
    }

    /// <summary>The bodies published so far, waiting up to a bound for one containing <paramref name="marker"/>.</summary>
    public async Task<List<string>> ReadAsync(string marker, TimeSpan? limit = null)
    {
        var bodies = new List<string>();
        await SkinProgressFixture.EventuallyAsync(async () =>
        {
            while (await _channel.BasicGetAsync(_queue, autoAck: true) is { } message)
            {
                bodies.Add(Encoding.UTF8.GetString(message.Body.Span));
            }

            return bodies.Any(b => b.Contains(marker, StringComparison.Ordinal));
        }, found => found, limit ?? TimeSpan.FromSeconds(10));
        return bodies;
    }

    public async ValueTask DisposeAsync()
    {
        await _channel.DisposeAsync();
        await _connection.DisposeAsync();
    }
}
