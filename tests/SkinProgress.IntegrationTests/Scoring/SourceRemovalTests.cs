using System.Net;
using MassTransit;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using SkinProgress.Contracts;
using SkinProgress.Worker.Scoring;
using static SkinProgress.IntegrationTests.Pipeline;

namespace SkinProgress.IntegrationTests.Scoring;

/// <summary>Removals of a source's events, on the Worker's scoring path.</summary>
[Collection(RealServices.Name)]
public sealed class SourceRemovalTests(SkinProgressFixture fixture)
{
    [Fact]
    public async Task SourceRemoved_TakesOutEveryEventOfThatDevice_AndRecomputesTheirDays()
    {
        var user = await fixture.CreateUserAsync();
        using var device = fixture.Client(user.DeviceKey);
        using var me = fixture.Client(user.UserKey);
        Assert.Equal(HttpStatusCode.Accepted, (await device.PostEventsAsync(
            Meal("m1", "2026-03-02T12:00:00Z", 40), Water("w1", "2026-03-03T12:00:00Z", 250))).StatusCode);
        await me.DayWithEventsAsync("2026-03-03", 1);

        await fixture.Api.Services.GetRequiredService<IBus>().Publish(new SourceRemoved(user.Id, user.DeviceId, DateTimeOffset.UtcNow));

        var days = await SkinProgressFixture.EventuallyAsync(
            () => fixture.WithDbAsync(db => db.DailyTotals.CountAsync(d => d.UserId == user.Id)), n => n == 0);
        Assert.Equal(0, days);
        Assert.False(await fixture.WithDbAsync(db => db.RawEvents.AnyAsync(e => e.UserId == user.Id)));
    }

    [Fact]
    public async Task EventsRemoved_KeepsAReSendAcceptedAfterTheRemoval()
    {
        var user = await fixture.CreateUserAsync();
        using var device = fixture.Client(user.DeviceKey);
        using var me = fixture.Client(user.UserKey);
        var removedAt = DateTimeOffset.UtcNow;
        Assert.Equal(HttpStatusCode.Accepted, (await device.PostEventsAsync(Meal("m1", "2026-03-02T12:00:00Z", 40))).StatusCode);
        await me.DayWithEventsAsync("2026-03-02", 1);

        await using var scope = fixture.WorkerServices.CreateAsyncScope();
        var days = await scope.ServiceProvider.GetRequiredService<EventStore>()
            .RemoveAsync(new EventsRemoved(user.Id, user.DeviceId, "garmin", ["m1"], removedAt), CancellationToken.None);

        Assert.Equal(0, days);
        Assert.Equal(40, (await me.GetDayAsync("2026-03-02")).Number("proteinGrams"));
    }
}
