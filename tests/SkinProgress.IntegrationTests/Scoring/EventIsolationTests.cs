using MassTransit;
using Microsoft.Extensions.DependencyInjection;
using SkinProgress.Contracts;
using static SkinProgress.IntegrationTests.Pipeline;

namespace SkinProgress.IntegrationTests.Scoring;

/// <summary>One event that cannot be stored never takes the other events of its message down with it.</summary>
[Collection(RealServices.Name)]
public sealed class EventIsolationTests(SkinProgressFixture fixture)
{
    [Theory]
    [InlineData("id")]
    [InlineData("name")]
    public async Task MessageWithANulEvent_CountsTheValidOne_AndSendsOnlyTheBadOneToTheErrorQueue(string field)
    {
        var user = await fixture.CreateUserAsync();
        var at = new DateTimeOffset(2026, 3, 2, 12, 0, 0, TimeSpan.Zero);
        var good = new HealthEvent("water-1", "hydration", at, Hydration: new Hydration(300));
        var bad = field == "id"
            ? new HealthEvent("meal\0one", "meal", at, Meal: new Meal(30))
            : new HealthEvent("meal-1", "meal", at, Meal: new Meal(30, Name: "lunch\0"));
        // Published as an older Api (or a replay) might have: straight onto the bus, past today's validation.
        var batch = new EventBatchReceived(Guid.NewGuid(), user.Id, user.DeviceId, "garmin", at, [good, bad]);

        await fixture.Api.Services.GetRequiredService<IBus>().Publish(batch);

        using var client = fixture.Client(user.UserKey);
        var day = await client.DayWithEventsAsync("2026-03-02", 1);
        Assert.Equal(300, day.Number("fluidsMl"));
        var faulted = await ErrorQueuePeek.FindAsync(batch.BatchId.ToString());
        Assert.NotNull(faulted);
        var body = System.Text.Encoding.UTF8.GetString(faulted.Body.Span);
        Assert.DoesNotContain("water-1", body, StringComparison.Ordinal);
        Assert.Contains($"{field}: Must not contain control characters", faulted.Header("MT-Fault-Message"), StringComparison.Ordinal);
        Assert.Equal(0, day.Number("proteinGrams"));
    }
}
