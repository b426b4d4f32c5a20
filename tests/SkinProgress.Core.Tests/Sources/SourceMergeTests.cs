using SkinProgress.Days;
using SkinProgress.Events;
using SkinProgress.Sources;

namespace SkinProgress.Core.Tests.Sources;

/// <summary>Each rule's threshold merges when met exactly and narrowly does not when missed; priorities, days and removals.</summary>
public sealed class SourceMergeTests
{
    private static readonly DateOnly Day = new(2026, 5, 1);
    private static readonly DateTimeOffset Ten = new(2026, 5, 1, 10, 0, 0, TimeSpan.Zero);

    private readonly Reports reports = new();

    private static MergedDay Compute(DateOnly date, params SourcedEvent[] events) =>
        SourceMerge.ComputeDay(date, events, SourcePriorities.Default);

    private static void AssertTally(MergedDay day, int workouts, int weighIns, params string[] sources)
    {
        Assert.Equal(workouts, day.Explanation.Tally.Workouts);
        Assert.Equal(weighIns, day.Explanation.Tally.WeighIns);
        Assert.Equal(sources, day.Explanation.Tally.Sources);
    }

    [Fact]
    public void Workouts_OverlappingByHalfOfTheShorter_AreOne()
    {
        var day = Compute(Day, reports.Workout("polar", Ten, 60), reports.Workout("strava", Ten.AddMinutes(30), 60));

        Assert.Equal(60, day.Totals.WorkoutMinutes["running/vigorous"]);
        Assert.Single(day.Explanation.Merged);
    }

    [Fact]
    public void Workouts_OverlappingBySlightlyLessThanHalf_AreTwo()
    {
        var day = Compute(Day, reports.Workout("polar", Ten, 60), reports.Workout("strava", Ten.AddMinutes(30).AddSeconds(1), 60));

        Assert.Equal(120, day.Totals.WorkoutMinutes["running/vigorous"]);
        Assert.Empty(day.Explanation.Merged);
    }

    [Fact]
    public void ShortWorkouts_StartingFiveMinutesApart_AreOne()
    {
        var day = Compute(Day, reports.Workout("polar", Ten, 4), reports.Workout("strava", Ten.AddMinutes(5), 4));

        Assert.Equal(4, day.Totals.WorkoutMinutes["running/vigorous"]);
    }

    [Fact]
    public void ShortWorkouts_StartingASecondMoreThanFiveMinutesApart_AreTwo()
    {
        var day = Compute(Day, reports.Workout("polar", Ten, 4), reports.Workout("strava", Ten.AddMinutes(5).AddSeconds(1), 4));

        Assert.Equal(8, day.Totals.WorkoutMinutes["running/vigorous"]);
    }

    [Fact]
    public void CloseStarts_WithDurationsTwentyPercentApart_AreOne()
    {
        var day = Compute(Day, reports.Workout("polar", Ten, 4), reports.Workout("strava", Ten.AddMinutes(5), 3.2));

        Assert.Equal(4, day.Totals.WorkoutMinutes["running/vigorous"]);
    }

    [Fact]
    public void CloseStarts_WithDurationsJustOverTwentyPercentApart_AreTwo()
    {
        var day = Compute(Day, reports.Workout("polar", Ten, 4), reports.Workout("strava", Ten.AddMinutes(5), 3.19));

        Assert.Equal(7.19, day.Totals.WorkoutMinutes["running/vigorous"]);
    }

    [Fact]
    public void Workouts_OfAnActivityAndOther_AreOne()
    {
        var day = Compute(Day, reports.Workout("polar", Ten, 60), reports.Workout("strava", Ten, 60, Activities.Other));

        Assert.Equal(["running/vigorous"], day.Totals.WorkoutMinutes.Keys);
    }

    [Fact]
    public void Workouts_OfDifferentActivities_AreTwo()
    {
        var day = Compute(Day, reports.Workout("polar", Ten, 60), reports.Workout("strava", Ten, 60, Activities.Cycling));

        Assert.Equal(2, day.Totals.WorkoutMinutes.Count);
    }

    [Fact]
    public void OverlappingWorkouts_FromOneDevice_AreNeverMerged()
    {
        var day = Compute(Day, reports.Workout("polar", Ten, 60), reports.Workout("polar", Ten, 60));

        Assert.Equal(120, day.Totals.WorkoutMinutes["running/vigorous"]);
    }

    [Fact]
    public void OverlappingWorkouts_FromTwoDevicesOfOneSourceName_AreOne_TheMoreDetailedCounting()
    {
        var plain = reports.Workout("garmin", Ten, 60);
        var detailed = reports.Workout("garmin#2", Ten, 61, km: 10, heartRate: 150);

        var day = Compute(Day, plain, detailed);

        Assert.Equal(61, day.Totals.WorkoutMinutes["running/vigorous"]);
        Assert.Equal(new MergedEvent(EventTypes.Workout, new EventKey("garmin", plain.Event.Id), new EventKey("garmin", detailed.Event.Id)),
            Assert.Single(day.Explanation.Merged));
    }

    [Fact]
    public void EqualRankAndDetail_AreBrokenByDeviceId()
    {
        var first = reports.Workout("garmin", Ten, 60);
        var second = reports.Workout("garmin#2", Ten, 61);

        var day = Compute(Day, second, first);

        Assert.Equal(60, day.Totals.WorkoutMinutes["running/vigorous"]);
    }

    [Fact]
    public void ByDefault_TheRecordingWatchCounts_AndTheAggregatorsCopyIsMerged()
    {
        var polar = reports.Workout("polar", Ten, 60);
        var strava = reports.Workout("strava", Ten.AddMinutes(1), 58, km: 10, heartRate: 140, kcal: 500);

        var day = Compute(Day, polar, strava);

        Assert.Equal(60, day.Totals.WorkoutMinutes["running/vigorous"]);
        Assert.Equal(["polar"], day.Explanation.CountedSources[EventTypes.Workout]);
        Assert.Equal(new EventKey("polar", polar.Event.Id), Assert.Single(day.Explanation.Merged).MergedInto);
        AssertTally(day, 1, 0, "polar", "strava");
    }

    [Fact]
    public void TheUsersPriority_DecidesWhichSourceCounts()
    {
        var priorities = SourcePriorities.Default with { Workout = ["strava"] };

        var day = SourceMerge.ComputeDay(Day, [reports.Workout("polar", Ten, 60), reports.Workout("strava", Ten, 58)], priorities);

        Assert.Equal(58, day.Totals.WorkoutMinutes["running/vigorous"]);
    }

    [Fact]
    public void WeighIns_FifteenMinutesAndHalfAKiloApart_AreOne_TheScaleCounting()
    {
        var day = Compute(Day, reports.WeighIn("withings", Ten, 80.1), reports.WeighIn("apple_health", Ten.AddMinutes(15), 80.6));

        Assert.Equal(80.1, day.Totals.LastWeightKg);
        AssertTally(day, 0, 1, "apple_health", "withings");
    }

    [Fact]
    public void WeighIns_ASecondMoreThanFifteenMinutesApart_AreTwo()
    {
        var day = Compute(Day, reports.WeighIn("withings", Ten, 80), reports.WeighIn("apple_health", Ten.AddMinutes(15).AddSeconds(1), 80));

        Assert.Equal(2, day.Totals.EventCount);
        Assert.Empty(day.Explanation.Merged);
    }

    [Fact]
    public void WeighIns_MoreThanHalfAKiloApart_AreTwo()
    {
        var day = Compute(Day, reports.WeighIn("withings", Ten, 80), reports.WeighIn("apple_health", Ten.AddMinutes(1), 80.51));

        Assert.Equal(80.51, day.Totals.LastWeightKg);
        Assert.Equal(2, day.Totals.EventCount);
    }

    [Fact]
    public void AWorkoutAcrossMidnight_CountsOnce_OnTheDayOfTheCountedReport()
    {
        var strava = reports.Workout("strava", new DateTimeOffset(2026, 5, 1, 23, 58, 0, TimeSpan.Zero), 60);
        var polar = reports.Workout("polar", new DateTimeOffset(2026, 5, 2, 0, 1, 0, TimeSpan.Zero), 58);

        var before = Compute(Day, strava, polar);
        var after = Compute(Day.AddDays(1), strava, polar);

        Assert.Empty(before.Totals.WorkoutMinutes);
        Assert.Equal(new EventKey("polar", polar.Event.Id), Assert.Single(before.Explanation.Merged).MergedInto);
        Assert.Equal(58, after.Totals.WorkoutMinutes["running/vigorous"]);
        Assert.Equal(1, after.Explanation.Tally.Workouts);
    }

    [Fact]
    public void AfterATimeZoneChange_AMergedWorkoutStillCountsOnce_OnItsNewLocalDay()
    {
        var polarAt = new DateTimeOffset(2026, 5, 1, 21, 59, 0, TimeSpan.Zero);
        var inUtc = new Reports(TimeZoneInfo.Utc);
        var polar = inUtc.Workout("polar", polarAt, 30);
        var strava = inUtc.Workout("strava", polarAt.AddMinutes(2), 30);
        Assert.Equal(30, Compute(Day, polar, strava).Totals.WorkoutMinutes["running/vigorous"]);

        // Relocating re-derives each stored event's local date in the new zone: 23:59 and 00:01 in Berlin.
        var berlin = TimeZoneInfo.FindSystemTimeZoneById("Europe/Berlin");
        var moved = new[] { polar, strava }.Select(e => e with { LocalDate = LocalDay.Of(e.Event.OccurredAt, berlin) }).ToArray();

        Assert.Equal(30, Compute(Day, moved).Totals.WorkoutMinutes["running/vigorous"]);
        Assert.Empty(Compute(Day.AddDays(1), moved).Totals.WorkoutMinutes);
        Assert.Single(Compute(Day.AddDays(1), moved).Explanation.Merged);
    }

    [Fact]
    public void AWholeDayWorkout_AcrossASpringForward_MatchesAWorkoutTwoLocalDatesLater_InsideTheWindow()
    {
        // 2026-03-29 has 23 hours in Berlin: 23h15 after 23:50 on the 28th is 00:05 on the 30th.
        var berlin = new Reports(TimeZoneInfo.FindSystemTimeZoneById("Europe/Berlin"));
        var strava = berlin.Workout("strava", new DateTimeOffset(2026, 3, 28, 23, 50, 0, TimeSpan.FromHours(1)), 1440);
        var polar = berlin.Workout("polar", new DateTimeOffset(2026, 3, 30, 0, 5, 0, TimeSpan.FromHours(2)), 60);
        Assert.Equal(2, polar.LocalDate.DayNumber - strava.LocalDate.DayNumber);

        var (from, to) = MergeWindow.ToRead(strava.LocalDate);
        var day = SourceMerge.ComputeDay(strava.LocalDate, new[] { strava, polar }.Where(e => e.LocalDate >= from && e.LocalDate <= to),
            SourcePriorities.Default);

        Assert.Empty(day.Totals.WorkoutMinutes);
        Assert.Equal(new EventKey("polar", polar.Event.Id), Assert.Single(day.Explanation.Merged).MergedInto);
    }

    [Fact]
    public void RemovingTheCountedSource_LetsTheNextOneCount()
    {
        var polar = reports.Workout("polar", Ten, 60);
        var strava = reports.Workout("strava", Ten, 55);
        var weighIn = reports.WeighIn("withings", Ten, 80);
        var phone = reports.WeighIn("apple_health", Ten, 80.2);
        Assert.Equal(60, Compute(Day, polar, strava, weighIn, phone).Totals.WorkoutMinutes["running/vigorous"]);

        var day = Compute(Day, strava, phone);

        Assert.Equal(55, day.Totals.WorkoutMinutes["running/vigorous"]);
        Assert.Equal(80.2, day.Totals.LastWeightKg);
        Assert.Empty(day.Explanation.Merged);
        Assert.False(day.Explanation.Tally.Any);
    }

    [Fact]
    public void MealsAndDrinks_ComeFromTheHighestRankedSourceThatReportedEachValue()
    {
        var day = Compute(Day,
            reports.Meal("manual", Ten, 30),
            reports.Meal("manual", Ten.AddHours(2), 20),
            reports.Meal("apple_health", Ten, 50, kcal: 900),
            reports.Meal("google_fit", Ten, 60, kcal: 1000),
            reports.Drink("apple_health", Ten, 500),
            reports.Drink("google_fit", Ten, 700));

        Assert.Equal(50, day.Totals.ProteinGrams);
        Assert.Equal(2, day.Totals.MealCount);
        Assert.Equal(900, day.Totals.EnergyKcal);
        Assert.Equal(500, day.Totals.FluidsMl);
        Assert.Equal(6, day.Totals.EventCount);
        Assert.Equal(["manual"], day.Explanation.CountedSources[SourceMerge.Protein]);
        Assert.Equal(["apple_health"], day.Explanation.CountedSources[SourceMerge.Energy]);
        Assert.Equal(["apple_health"], day.Explanation.CountedSources[SourceMerge.Fluids]);
    }

    [Fact]
    public void OneSourceAlone_GivesTheCalculatorsTotals()
    {
        var events = new[]
        {
            reports.Workout("polar", Ten, 60), reports.Workout("polar", Ten, 60), reports.WeighIn("polar", Ten, 80),
            reports.Meal("polar", Ten, 20, 300), reports.Meal("polar", Ten, 10), reports.Drink("polar", Ten, 250),
        };

        Assert.Equal(Json(DailyTotalsCalculator.Compute(Day, events.Select(e => e.Event))), Json(Compute(Day, events).Totals));
    }

    private static string Json(DailyTotals totals) => System.Text.Json.JsonSerializer.Serialize(totals);
}
