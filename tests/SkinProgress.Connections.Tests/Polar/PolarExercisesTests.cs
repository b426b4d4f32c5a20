using SkinProgress.Connections.Polar;
using SkinProgress.Events;

namespace SkinProgress.Connections.Tests.Polar;

public class PolarExercisesTests
{
    [Fact]
    public void FitFile_IsOneWorkout_UnderThePolarExerciseId()
    {
        using var fit = File.OpenRead(TestFiles.PathOf("polar/exercise-polar-ignite-run.fit"));

        var workout = Assert.Single(PolarExercises.FromFit("aQlC83", fit, TestFiles.Now));

        Assert.Equal("aQlC83", workout.Id);
        Assert.Equal(new DateTimeOffset(2020, 9, 27, 11, 29, 29, TimeSpan.Zero), workout.OccurredAt);
        Assert.Equal(Activities.Running, workout.Workout!.Activity);
        Assert.Equal(15.1, workout.Workout.DistanceKm!.Value, 1);
        Assert.Equal(157, workout.Workout.AvgHeartRate);
        Assert.Equal(1066, workout.Workout.EnergyKcal);
    }

    [Fact]
    public void BrokenFitFile_YieldsNothing()
    {
        var bytes = TestFiles.Bytes("polar/exercise-polar-ignite-run.fit");
        using var truncated = new MemoryStream(bytes[..(bytes.Length / 2)]);

        Assert.Empty(PolarExercises.FromFit("aQlC83", truncated, TestFiles.Now));
    }

    [Fact]
    public void ExerciseStart_IsLocalTimeLessItsOffsetInMinutes()
    {
        using var list = TestFiles.Json("polar/exercises-list.docs.json");

        Assert.Equal(new DateTimeOffset(2020, 9, 27, 11, 29, 29, TimeSpan.Zero), PolarExercises.Start(list.RootElement[0]));
    }

    [Theory]
    [InlineData("""{"start_time": "2020-09-27T13:29:29", "start_time_utc_offset": 900}""")]
    [InlineData("""{"start_time": "0001-01-01T00:00:00", "start_time_utc_offset": 60}""")]
    [InlineData("""{"start_time": "2020-09-27T13:29:29Z", "start_time_utc_offset": 120}""")]
    [InlineData("""{"start_time": "2020-09-27T13:29:29"}""")]
    public void ExerciseStart_ThatNoTimeZoneCouldHave_IsNoStart(string json)
    {
        using var exercise = System.Text.Json.JsonDocument.Parse(json);

        Assert.Null(PolarExercises.Start(exercise.RootElement));
    }

    [Fact]
    public void OnlyExercisesStartedWithinTheRange_AreFetched()
    {
        using var list = TestFiles.Json("polar/exercises-list.docs.json");

        var ids = PolarExercises.IdsWithin(
            list.RootElement, new DateTimeOffset(2020, 9, 27, 0, 0, 0, TimeSpan.Zero), new DateTimeOffset(2020, 9, 28, 0, 0, 0, TimeSpan.Zero));

        Assert.Equal(["aQlC83"], ids);
    }
}
