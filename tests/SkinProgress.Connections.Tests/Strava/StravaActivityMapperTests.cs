using System.Text.Json;
using System.Text.Json.Nodes;
using SkinProgress.Connections.Strava;
using SkinProgress.Contracts;
using SkinProgress.Events;

namespace SkinProgress.Connections.Tests.Strava;

public class StravaActivityMapperTests
{
    private static IReadOnlyList<HealthEvent> MapList(string file)
    {
        using var document = TestFiles.Json(file);
        return StravaActivityMapper.MapList(document.RootElement, TestFiles.Now);
    }

    private static HealthEvent? Map(string json)
    {
        using var document = JsonDocument.Parse(json);
        return StravaActivityMapper.Map(document.RootElement, TestFiles.Now);
    }

    [Fact]
    public void CurrentRun_TakesSportType_MovingMinutes_Kilometres_HeartRate_AndTheUtcStart()
    {
        var run = Map(File.ReadAllText(TestFiles.PathOf("strava/summary-activity-run-2025.json")));

        Assert.NotNull(run);
        Assert.Equal("16181809559", run.Id);
        Assert.Equal(EventTypes.Workout, run.Type);
        // start_date, not start_date_local (08:49:52 with a misleading Z), whatever the float utc_offset says.
        Assert.Equal(new DateTimeOffset(2025, 10, 18, 12, 49, 52, TimeSpan.Zero), run.OccurredAt);
        Assert.Equal(Activities.Running, run.Workout!.Activity);
        Assert.Equal(7772 / 60.0, run.Workout.DurationMinutes, 2);
        Assert.Equal(22.601, run.Workout.DistanceKm);
        Assert.Equal(160, run.Workout.AvgHeartRate);
        Assert.Null(run.Workout.EnergyKcal);
    }

    [Fact]
    public void DetailedRun_TakesStravasCalories()
    {
        var run = Map(File.ReadAllText(TestFiles.PathOf("strava/detailed-activity-run.json")));

        Assert.Equal("1477353766", run!.Id);
        Assert.Equal(2594, run.Workout!.EnergyKcal);
        Assert.Null(run.Workout.AvgHeartRate);
    }

    [Fact]
    public void Calories_WinOverKilojoules_WhenBothAreSent()
    {
        var node = JsonNode.Parse(File.ReadAllText(TestFiles.PathOf("strava/detailed-activity-run.json")))!;
        node["kilojoules"] = 900.0;

        Assert.Equal(2594, Map(node.ToJsonString())!.Workout!.EnergyKcal);
    }

    [Fact]
    public void DocsExample_PrefersSportTypeOverType_AndTakesKilojoulesAsKilocalories()
    {
        var rides = MapList("strava/summary-activities-list-docs-example.json");

        Assert.Equal(2, rides.Count);
        var first = rides[0];
        // The 15-digit id is kept exactly as sent.
        Assert.Equal("154504250376823", first.Id);
        Assert.Equal(Activities.Cycling, first.Workout!.Activity);
        Assert.Equal(75, first.Workout.DurationMinutes);
        Assert.Equal(24.931, first.Workout.DistanceKm);
        Assert.Equal(789, first.Workout.EnergyKcal);
        Assert.Equal(140, first.Workout.AvgHeartRate);
    }

    [Fact]
    public void ListWithByteOrderMark_AndNoSportType_MapsEveryRideByItsType()
    {
        var rides = MapList("strava/summary-activities-list-rides-2016.json");

        Assert.Equal(["599723656", "456756854", "333197761", "312832313", "278315280"], rides.Select(r => r.Id));
        Assert.All(rides, r => Assert.Equal(Activities.Cycling, r.Workout!.Activity));
        // A 17-second ride is still a workout: the contract asks for more than zero minutes.
        Assert.Equal(17 / 60.0, rides[1].Workout!.DurationMinutes, 2);
    }

    [Fact]
    public void IndoorTrainerRide_KeepsTheDistanceItReports()
    {
        var indoor = MapList("strava/summary-activities-list-rides-2016.json").Single(r => r.Id == "278315280");

        Assert.Equal(28.217, indoor.Workout!.DistanceKm);
        Assert.Equal(149, indoor.Workout.AvgHeartRate);
    }

    [Fact]
    public void IndoorActivitiesWithNoDistance_HaveNoDistance_AndMapCrossfitAndRowing()
    {
        var feed = MapList("strava/summary-activities-following-indoor-trainer.json");

        Assert.Equal(30, feed.Count);
        var treadmill = feed.Single(e => e.Id == "684860619");
        Assert.Equal(Activities.Running, treadmill.Workout!.Activity);
        Assert.Null(treadmill.Workout.DistanceKm);
        Assert.Equal(Activities.Hiit, feed.Single(e => e.Id == "681504359").Workout!.Activity);
        Assert.Equal(Activities.Rowing, feed.Single(e => e.Id == "679273504").Workout!.Activity);
    }

    [Fact]
    public void ManualActivity_WithOnlyElapsedTime_MapsWithoutHeartRate()
    {
        var manual = Map("""
            {"id": 42, "manual": true, "type": "Workout", "sport_type": "WeightTraining", "start_date": "2026-11-30T18:00:00Z",
             "start_date_local": "2026-11-30T19:00:00Z", "timezone": "(GMT+01:00) Europe/Paris", "utc_offset": 3600.0,
             "elapsed_time": 2700, "distance": 0, "has_heartrate": false}
            """);

        Assert.NotNull(manual);
        Assert.Equal(Activities.StrengthTraining, manual.Workout!.Activity);
        Assert.Equal(45, manual.Workout.DurationMinutes);
        Assert.Equal(new DateTimeOffset(2026, 11, 30, 18, 0, 0, TimeSpan.Zero), manual.OccurredAt);
        Assert.Null(manual.Workout.AvgHeartRate);
    }

    [Theory]
    [InlineData("""{"id": 1, "sport_type": "Run", "start_date": "2026-11-30T18:00:00Z", "moving_time": 0, "elapsed_time": 0}""")]
    [InlineData("""{"id": 1, "sport_type": "Run", "start_date": "2026-11-30T18:00:00Z", "moving_time": 90000}""")]
    [InlineData("""{"id": 1, "sport_type": "Run", "start_date": "1999-12-31T23:00:00Z", "moving_time": 600}""")]
    [InlineData("""{"id": 1, "sport_type": "Run", "start_date": "2026-11-30T18:00:00", "moving_time": 600}""")]
    [InlineData("""{"sport_type": "Run", "start_date": "2026-11-30T18:00:00Z", "moving_time": 600}""")]
    public void ActivityOutsideTheContract_IsDropped(string json) => Assert.Null(Map(json));

    [Fact]
    public void OptionalValuesOutsideTheContract_AreLeftOut_AndTheWorkoutKept()
    {
        var workout = Map("""
            {"id": 7, "sport_type": "Ride", "start_date": "2026-11-30T18:00:00Z", "moving_time": 3600,
             "distance": 5000000, "kilojoules": 50000, "average_heartrate": 300}
            """)!.Workout!;

        Assert.Equal(60, workout.DurationMinutes);
        Assert.Null(workout.DistanceKm);
        Assert.Null(workout.EnergyKcal);
        Assert.Null(workout.AvgHeartRate);
    }
}
