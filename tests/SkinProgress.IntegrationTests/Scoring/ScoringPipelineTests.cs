using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using static SkinProgress.IntegrationTests.Pipeline;

namespace SkinProgress.IntegrationTests.Scoring;

/// <summary>Through the HTTP API, the real broker and the real Worker consumer, into PostgreSQL.</summary>
[Collection(RealServices.Name)]
public sealed class ScoringPipelineTests(SkinProgressFixture fixture)
{
    [Fact]
    public async Task SameBatchPostedThreeTimes_LeavesTotalsAsAfterTheFirst()
    {
        var user = await fixture.CreateUserAsync();
        using var device = fixture.Client(user.DeviceKey);
        using var me = fixture.Client(user.UserKey);
        object[] batch =
        [
            Workout("run-1", "2026-03-02T07:00:00Z", 30),
            Meal("meal-1", "2026-03-02T12:00:00Z", 40),
            Water("water-1", "2026-03-02T13:00:00Z", 500),
        ];

        Assert.Equal(HttpStatusCode.Accepted, (await device.PostEventsAsync(batch)).StatusCode);
        var first = await me.DayWithEventsAsync("2026-03-02", 3);
        var firstUpdated = await LastScoredAsync(user.Id);

        Assert.Equal(HttpStatusCode.Accepted, (await device.PostEventsAsync(batch)).StatusCode);
        Assert.Equal(HttpStatusCode.Accepted, (await device.PostEventsAsync(batch)).StatusCode);
        // A marker batch on another day, sent last: once it is scored, the two re-sends before it were consumed too.
        Assert.Equal(HttpStatusCode.Accepted, (await device.PostEventsAsync(Water("marker", "2026-03-05T10:00:00Z", 100))).StatusCode);
        await me.DayWithEventsAsync("2026-03-05", 1);

        var after = await me.GetDayAsync("2026-03-02");
        Assert.Equal(first!.Value.GetRawText(), after!.Value.GetRawText());
        Assert.Equal(60, after.Number("moderateEquivalentMinutes"));
        Assert.Equal(40, after.Number("proteinGrams"));
        Assert.Equal(500, after.Number("fluidsMl"));
        Assert.Equal(3, await fixture.WithDbAsync(db => db.RawEvents.CountAsync(e => e.UserId == user.Id && e.LocalDate == new DateOnly(2026, 3, 2))));
        // Identical re-sends change nothing, not even the day's row.
        Assert.Equal(firstUpdated, await fixture.WithDbAsync(db =>
            db.DailyTotals.Where(d => d.UserId == user.Id && d.LocalDate == new DateOnly(2026, 3, 2)).Select(d => d.UpdatedAt).SingleAsync()));
    }

    [Fact]
    public async Task ResentEventWithChangedContent_ReplacesTheOldValue()
    {
        var user = await fixture.CreateUserAsync();
        using var device = fixture.Client(user.DeviceKey);
        using var me = fixture.Client(user.UserKey);

        await device.PostEventsAsync(Meal("m1", "2026-03-02T12:00:00Z", 40), Meal("m2", "2026-03-02T18:00:00Z", 30));
        Assert.Equal(70, (await me.DayWithEventsAsync("2026-03-02", 2)).Number("proteinGrams"));

        await device.PostEventsAsync(Meal("m1", "2026-03-02T12:00:00Z", 55));
        var day = await SkinProgressFixture.EventuallyAsync(() => me.GetDayAsync("2026-03-02"), d => d.Number("proteinGrams") != 70);
        Assert.Equal(85, day.Number("proteinGrams"));
        Assert.Equal(2, day!.Value.GetProperty("eventCount").GetInt32());
    }

    [Fact]
    public async Task ResentEventMovedToAnotherDay_LeavesTheOldDay()
    {
        var user = await fixture.CreateUserAsync();
        using var device = fixture.Client(user.DeviceKey);
        using var me = fixture.Client(user.UserKey);

        await device.PostEventsAsync(Meal("m1", "2026-03-02T12:00:00Z", 40));
        await me.DayWithEventsAsync("2026-03-02", 1);

        await device.PostEventsAsync(Meal("m1", "2026-03-03T12:00:00Z", 40));
        await me.DayWithEventsAsync("2026-03-03", 1);
        Assert.Null(await me.GetDayAsync("2026-03-02"));
    }

    [Fact]
    public async Task ConcurrentBatchesForSameUserAndDay_AreBothFullyCounted()
    {
        const int rounds = 50;
        var user = await fixture.CreateUserAsync();
        using var device = fixture.Client(user.DeviceKey);
        using var me = fixture.Client(user.UserKey);

        for (var round = 0; round < rounds; round++)
        {
            var date = new DateOnly(2025, 1, 1).AddDays(round).ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);
            var responses = await Task.WhenAll(
                device.PostEventsAsync(Meal($"a-{round}", $"{date}T08:00:00Z", 10), Water($"wa-{round}", $"{date}T08:00:00Z", 250)),
                device.PostEventsAsync(Meal($"b-{round}", $"{date}T09:00:00Z", 20), Water($"wb-{round}", $"{date}T09:00:00Z", 300)));
            Assert.All(responses, r => Assert.Equal(HttpStatusCode.Accepted, r.StatusCode));
        }

        var days = await SkinProgressFixture.EventuallyAsync(
            async () => (await me.GetFromJsonAsync<JsonElement>("/v1/me/days?from=2025-01-01&to=2025-02-19")).GetProperty("days"),
            d => d.EnumerateArray().Count(day => day.GetProperty("eventCount").GetInt32() == 4) == rounds);
        Assert.Equal(rounds, days.GetArrayLength());
        Assert.All(days.EnumerateArray(), d =>
        {
            Assert.Equal(4, d.GetProperty("eventCount").GetInt32());
            Assert.Equal(30, d.GetProperty("proteinGrams").GetDouble());
            Assert.Equal(550, d.GetProperty("fluidsMl").GetDouble());
        });
    }

    [Fact]
    public async Task EventsAcceptedWhileWorkerIsStopped_AreScoredAfterItStarts()
    {
        var user = await fixture.CreateUserAsync();
        using var device = fixture.Client(user.DeviceKey);
        using var me = fixture.Client(user.UserKey);

        await fixture.StopWorkerAsync();
        try
        {
            for (var i = 0; i < 20; i++)
            {
                var response = await device.PostEventsAsync(Water($"w{i}", "2026-03-02T10:00:00Z", 100));
                Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
            }

            Assert.Null(await me.GetDayAsync("2026-03-02"));
        }
        finally
        {
            await fixture.StartWorkerAsync();
        }

        var day = await me.DayWithEventsAsync("2026-03-02", 20);
        Assert.Equal(2000, day.Number("fluidsMl"));
    }

    [Fact]
    public async Task TimeZoneChange_MovesEventsToTheirNewLocalDays()
    {
        var user = await fixture.CreateUserAsync(timeZone: "Europe/London");
        using var device = fixture.Client(user.DeviceKey);
        using var me = fixture.Client(user.UserKey);

        // 2026-03-02 23:30 in London is 2026-03-03 12:30 in Auckland.
        await device.PostEventsAsync(Water("late", "2026-03-02T23:30:00Z", 400));
        await me.DayWithEventsAsync("2026-03-02", 1);

        var put = await me.PutAsJsonAsync("/v1/me/profile", new { timeZone = "Pacific/Auckland" });
        Assert.Equal(HttpStatusCode.OK, put.StatusCode);

        var moved = await me.DayWithEventsAsync("2026-03-03", 1);
        Assert.Equal(400, moved.Number("fluidsMl"));
        Assert.Null(await me.GetDayAsync("2026-03-02"));
    }

    private Task<DateTimeOffset> LastScoredAsync(Guid userId) =>
        fixture.WithDbAsync(db => db.DailyTotals.Where(d => d.UserId == userId).MaxAsync(d => d.UpdatedAt));
}
