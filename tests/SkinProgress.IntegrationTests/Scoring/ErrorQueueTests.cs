using MassTransit;
using Microsoft.Extensions.DependencyInjection;
using RabbitMQ.Client;
using SkinProgress.Contracts;

namespace SkinProgress.IntegrationTests.Scoring;

[Collection(RealServices.Name)]
public sealed class ErrorQueueTests(SkinProgressFixture fixture)
{
    [Fact]
    public async Task MessageThatKeepsFailing_EndsInTheErrorQueueWithItsException()
    {
        var user = await fixture.CreateUserAsync();
        // An id longer than the column allows can only come from a publisher that skipped validation:
        // the database refuses it every time, so retries cannot help.
        var poison = new EventBatchReceived(Guid.NewGuid(), user.Id, user.DeviceId, "garmin", DateTimeOffset.UtcNow,
            [new HealthEvent(new string('x', 300), "hydration", DateTimeOffset.UtcNow, Hydration: new Hydration(100))]);

        await fixture.Api.Services.GetRequiredService<IBus>().Publish(poison);

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

        var found = await SkinProgressFixture.EventuallyAsync(async () =>
        {
            // Look at every faulted message without taking any: they all stay where they are.
            BasicGetResult? mine = null;
            var seen = new List<ulong>();
            while (await channel.BasicGetAsync("scoring_error", autoAck: false) is { } message)
            {
                if (System.Text.Encoding.UTF8.GetString(message.Body.Span).Contains(poison.BatchId.ToString(), StringComparison.Ordinal))
                {
                    mine = message;
                    seen.Add(message.DeliveryTag); // it stays in the error queue, where an admin would find it
                }
                else
                {
                    seen.Add(message.DeliveryTag);
                }
            }

            foreach (var tag in seen)
            {
                await channel.BasicNackAsync(tag, false, requeue: true);
            }

            return mine;
        }, m => m is not null);

        Assert.NotNull(found);

        // Admins see the count in the readiness details; a faulted message does not make the service unready.
        using var client = fixture.Client();
        using var ready = await client.GetAsync("/health/ready");
        Assert.Equal(System.Net.HttpStatusCode.OK, ready.StatusCode);
        var details = await System.Net.Http.Json.HttpContentJsonExtensions.ReadFromJsonAsync<System.Text.Json.JsonElement>(ready.Content);
        Assert.True(details.GetProperty("checks").GetProperty("rabbitmq").GetProperty("data").GetProperty("scoring_error").GetInt32() >= 1);
        Assert.True(found.BasicProperties.Headers!.ContainsKey("MT-Fault-Message"), "the error queue keeps the exception with the message");
    }
}
