using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using SkinProgress.Contracts;
using SkinProgress.Worker.Scoring;

namespace SkinProgress.IntegrationTests.Scoring;

/// <summary>Two messages carrying the same event, scored in the opposite order to the one they were accepted in.</summary>
[Collection(RealServices.Name)]
public sealed class LatestWinsTests(SkinProgressFixture fixture)
{
    private static readonly DateTimeOffset Noon = new(2026, 4, 6, 12, 0, 0, TimeSpan.Zero);

    [Fact]
    public async Task NewerMessageScoredFirst_StaysCounted_WhenTheOlderArrivesAfterIt()
    {
        var user = await fixture.CreateUserAsync();
        var committer = fixture.WorkerServices.GetRequiredService<GroupCommitter>();
        var older = Message(user, Noon.AddHours(1), 30);
        var newer = Message(user, Noon.AddHours(2), 45);

        Assert.Empty(await committer.StoreAsync(newer, CancellationToken.None));
        Assert.Empty(await committer.StoreAsync(older, CancellationToken.None));

        var day = await fixture.WithDbAsync(db => db.DailyTotals.AsNoTracking().SingleAsync(d => d.UserId == user.Id));
        Assert.Equal((45, 1), (day.ProteinGrams, day.EventCount));
    }

    [Fact]
    public async Task NewerAndOlderInOneGroup_TheNewerIsCounted_WhicheverWasDeliveredLast()
    {
        var user = await fixture.CreateUserAsync();
        await using var scope = fixture.WorkerServices.CreateAsyncScope();
        var store = scope.ServiceProvider.GetRequiredService<EventStore>();

        await store.StoreAsync([Message(user, Noon.AddHours(2), 45), Message(user, Noon.AddHours(1), 30)], CancellationToken.None);

        var day = await fixture.WithDbAsync(db => db.DailyTotals.AsNoTracking().SingleAsync(d => d.UserId == user.Id));
        Assert.Equal(45, day.ProteinGrams);
    }

    private static EventBatchReceived Message(TestUser user, DateTimeOffset receivedAt, double protein) =>
        new(Guid.NewGuid(), user.Id, user.DeviceId, "garmin", receivedAt, [new HealthEvent("meal-1", "meal", Noon, Meal: new Meal(protein))]);
}
