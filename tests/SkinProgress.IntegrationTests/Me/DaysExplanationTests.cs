using System.Net.Http.Json;
using System.Text.Json;
using SkinProgress.Contracts;
using SkinProgress.Data.Days;
using SkinProgress.Days;
using SkinProgress.Events;
using SkinProgress.Sources;

namespace SkinProgress.IntegrationTests.Me;

/// <summary>GET /v1/me/days says per day which sources counted for what and which events were merged into which.</summary>
[Collection(RealServices.Name)]
public sealed class DaysExplanationTests(SkinProgressFixture fixture)
{
    private static readonly DateOnly Day = new(2026, 4, 6);

    [Fact]
    public async Task ADayComputedAcrossSources_ShowsTheSourcesThatCounted_AndWhatWasMergedIntoWhat()
    {
        var user = await fixture.CreateUserAsync();
        using var me = fixture.Client(user.UserKey);
        var at = new DateTimeOffset(2026, 4, 6, 7, 0, 0, TimeSpan.Zero);
        SourcedEvent[] events =
        [
            new(Guid.NewGuid(), "polar", Day, new HealthEvent("p1", EventTypes.Workout, at, Workout: new Workout(Activities.Running, 45))),
            new(Guid.NewGuid(), "strava", Day, new HealthEvent("s1", EventTypes.Workout, at.AddMinutes(1), Workout: new Workout(Activities.Running, 44))),
            new(Guid.NewGuid(), "manual", Day, new HealthEvent("m1", EventTypes.Meal, at, Meal: new Meal(30))),
        ];
        var merged = SourceMerge.ComputeDay(Day, events, SourcePriorities.Default);
        await fixture.WithDbAsync(async db =>
        {
            var t = merged.Totals;
            db.DailyTotals.Add(new DailyTotalRow
            {
                UserId = user.Id, LocalDate = Day, WorkoutMinutes = JsonSerializer.Serialize(t.WorkoutMinutes),
                ModerateEquivalentMinutes = t.ModerateEquivalentMinutes, ProteinGrams = t.ProteinGrams, MealCount = t.MealCount,
                EventCount = t.EventCount, UpdatedAt = DateTimeOffset.UtcNow,
                Explanation = JsonSerializer.Serialize(merged.Explanation, DailyTotalRow.ExplanationJson),
            });
            return await db.SaveChangesAsync();
        });

        var days = await me.GetFromJsonAsync<JsonElement>("/v1/me/days?from=2026-04-06&to=2026-04-06");

        var day = Assert.Single(days.GetProperty("days").EnumerateArray().ToList());
        Assert.Equal("polar", Assert.Single(day.GetProperty("sources").GetProperty("workout").EnumerateArray().ToList()).GetString());
        Assert.Equal("manual", Assert.Single(day.GetProperty("sources").GetProperty("protein").EnumerateArray().ToList()).GetString());
        var duplicate = Assert.Single(day.GetProperty("merged").EnumerateArray().ToList());
        Assert.Equal("s1", duplicate.GetProperty("event").GetProperty("id").GetString());
        Assert.Equal("strava", duplicate.GetProperty("event").GetProperty("source").GetString());
        Assert.Equal("p1", duplicate.GetProperty("mergedInto").GetProperty("id").GetString());
        Assert.Equal("polar", duplicate.GetProperty("mergedInto").GetProperty("source").GetString());
        Assert.Equal(45, day.GetProperty("workoutMinutes").GetProperty("running/vigorous").GetDouble());
    }
}
