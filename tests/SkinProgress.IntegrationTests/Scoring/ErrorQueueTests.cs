using MassTransit;
using Microsoft.Extensions.DependencyInjection;
using SkinProgress.Contracts;

namespace SkinProgress.IntegrationTests.Scoring;

[Collection(RealServices.Name)]
public sealed class ErrorQueueTests(SkinProgressFixture fixture)
{
    [Fact]
    public async Task EventTheWorkerRefuses_EndsInTheErrorQueueWithItsReason()
    {
        var user = await fixture.CreateUserAsync();
        // An id longer than the contract allows can only come from a publisher that skipped the Api's validation:
        // the Worker checks again, and retries could not help.
        var poison = new EventBatchReceived(Guid.NewGuid(), user.Id, user.DeviceId, "garmin", DateTimeOffset.UtcNow,
            [new HealthEvent(new string('x', 300), "hydration", DateTimeOffset.UtcNow, Hydration: new Hydration(100))]);

        await fixture.Api.Services.GetRequiredService<IBus>().Publish(poison);

        var found = await ErrorQueuePeek.FindAsync(poison.BatchId.ToString());

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
