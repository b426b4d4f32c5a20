using RabbitMQ.Client;

namespace SkinProgress.IntegrationTests.Scoring;

/// <summary>Reads <c>scoring_error</c> on the test broker without taking anything out of it.</summary>
public static class ErrorQueuePeek
{
    /// <summary>The first faulted message whose body contains <paramref name="marker"/>, once it arrives.</summary>
    public static async Task<BasicGetResult?> FindAsync(string marker)
    {
        var factory = new ConnectionFactory
        {
            HostName = TestServices.Require("RabbitMq__Host"),
            Port = int.Parse(TestServices.Require("RabbitMq__Port"), System.Globalization.CultureInfo.InvariantCulture),
            UserName = TestServices.Require("RabbitMq__Username"),
            Password = TestServices.Require("RabbitMq__Password"),
        };
        await using var connection = await factory.CreateConnectionAsync();
        await using var channel = await connection.CreateChannelAsync();
        // MassTransit creates the error queue on the first fault; declaring it (as durable, like MassTransit does) lets us poll before that.
        await channel.QueueDeclareAsync("scoring_error", durable: true, exclusive: false, autoDelete: false);

        return await SkinProgressFixture.EventuallyAsync(async () =>
        {
            BasicGetResult? found = null;
            var seen = new List<ulong>();
            while (await channel.BasicGetAsync("scoring_error", autoAck: false) is { } message)
            {
                seen.Add(message.DeliveryTag);
                if (found is null && System.Text.Encoding.UTF8.GetString(message.Body.Span).Contains(marker, StringComparison.Ordinal))
                {
                    found = message;
                }
            }

            // Everything stays where it is, where an admin would find it.
            foreach (var tag in seen)
            {
                await channel.BasicNackAsync(tag, false, requeue: true);
            }

            return found;
        }, m => m is not null);
    }

    public static string Header(this BasicGetResult message, string name) =>
        message.BasicProperties.Headers is { } headers && headers.TryGetValue(name, out var value)
            ? value is byte[] bytes ? System.Text.Encoding.UTF8.GetString(bytes) : value?.ToString() ?? ""
            : "";
}
