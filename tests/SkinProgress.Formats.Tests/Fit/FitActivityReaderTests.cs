using SkinProgress.Events;

namespace SkinProgress.Formats.Tests.Fit;

public sealed class FitActivityReaderTests
{
    private static readonly DateTimeOffset FitEpoch = new(1989, 12, 31, 0, 0, 0, TimeSpan.Zero);

    [Fact]
    public void Read_YieldsStrengthWorkout_ForForerunner965StrengthFile()
    {
        var (events, warnings) = TestFiles.ReadAll("fit/20474406937_ACTIVITY.fit", FileFormat.Fit);

        var e = Assert.Single(events);
        Assert.Empty(warnings);
        Assert.Equal(EventTypes.Workout, e.Type);
        Assert.Equal("fit:3486647825:1127556509:session:0", e.Id);
        Assert.Equal(new DateTimeOffset(2025, 9, 23, 10, 8, 29, TimeSpan.Zero), e.OccurredAt);
        Assert.Equal(Activities.StrengthTraining, e.Workout!.Activity);
        Assert.Equal(40.0823, e.Workout.DurationMinutes, 4);
        Assert.Equal(305, e.Workout.EnergyKcal);
        Assert.Equal(111, e.Workout.AvgHeartRate);
    }

    [Fact]
    public void Read_YieldsSwimmingWorkout_ForPoolSwimFile()
    {
        var (events, _) = TestFiles.ReadAll("fit/activity_poolswim_with_hr.fit", FileFormat.Fit);

        var e = Assert.Single(events);
        Assert.Equal(Activities.Swimming, e.Workout!.Activity);
        Assert.Equal(new DateTimeOffset(2016, 8, 13, 13, 10, 47, TimeSpan.Zero), e.OccurredAt);
        Assert.Equal(58.0882, e.Workout.DurationMinutes, 4);
        Assert.Equal(1.7, e.Workout.DistanceKm!.Value, 6);
        Assert.Equal(138, e.Workout.EnergyKcal);
        Assert.Equal(103, e.Workout.AvgHeartRate);
    }

    [Fact]
    public void Read_YieldsRunningWorkout_ForFenix5RunFile()
    {
        var (events, _) = TestFiles.ReadAll("fit/garmin-fenix-5-run.fit", FileFormat.Fit);

        var e = Assert.Single(events);
        Assert.Equal("fit:3945849289:866126049:session:0", e.Id);
        Assert.Equal(Activities.Running, e.Workout!.Activity);
        Assert.Equal(new DateTimeOffset(2017, 6, 11, 14, 34, 9, TimeSpan.Zero), e.OccurredAt);
        Assert.Equal(0.157560, e.Workout.DistanceKm!.Value, 6);
        Assert.Equal(90, e.Workout.AvgHeartRate);
    }

    [Fact]
    public void Read_YieldsCyclingWorkout_ForEdge820CommuteFile()
    {
        var (events, _) = TestFiles.ReadAll("fit/garmin-edge-820-bike.fit", FileFormat.Fit);

        var e = Assert.Single(events);
        Assert.Equal(Activities.Cycling, e.Workout!.Activity);
        Assert.Equal(new DateTimeOffset(2017, 6, 12, 16, 10, 15, TimeSpan.Zero), e.OccurredAt);
        Assert.Equal(0.45712, e.Workout.DistanceKm!.Value, 6);
        Assert.Equal(116, e.Workout.AvgHeartRate);
    }

    [Fact]
    public void Read_YieldsRunningWorkoutWithoutHeartRate_ForDeveloperFieldsFile()
    {
        var (events, _) = TestFiles.ReadAll("fit/developer-types-sample.fit", FileFormat.Fit);

        var e = Assert.Single(events);
        Assert.Equal(Activities.Running, e.Workout!.Activity);
        Assert.Equal(57.0667, e.Workout.DurationMinutes, 4);
        Assert.Equal(6.75399, e.Workout.DistanceKm!.Value, 5);
        Assert.Null(e.Workout.AvgHeartRate);
    }

    [Fact]
    public void Read_YieldsTwoWeights_ForWeightScaleFile()
    {
        var (events, _) = TestFiles.ReadAll("fit/WeightScaleSingleUser.fit", FileFormat.Fit);

        Assert.Equal(2, events.Count);
        Assert.All(events, e => Assert.Equal(EventTypes.Weight, e.Type));
        Assert.Equal(new DateTimeOffset(2009, 9, 9, 21, 38, 0, TimeSpan.Zero), events[0].OccurredAt);
        Assert.Equal(75.8, events[0].Weight!.WeightKg, 6);
        Assert.Equal(22.3, events[0].Weight!.BodyFatPercent!.Value, 6);
        Assert.Equal(new DateTimeOffset(2009, 9, 9, 22, 38, 0, TimeSpan.Zero), events[1].OccurredAt);
        Assert.Equal(76.09, events[1].Weight!.WeightKg, 6);
        Assert.Equal(25.1, events[1].Weight!.BodyFatPercent!.Value, 6);
        Assert.Equal("fit:1234:621463080:weight:621466680", events[0].Id);
    }

    [Fact]
    public void Read_WarnsAndSkipsSession_WhenItsTimeIsDeviceRelative()
    {
        var (events, warnings) = TestFiles.ReadAll("fit/compressed-speed-distance.fit", FileFormat.Fit);

        Assert.Empty(events);
        Assert.Equal("undated_workout", Assert.Single(warnings).Code);
    }

    [Fact]
    public void Read_ReportsTruncatedWithOffset_ForUnexpectedEofFile()
    {
        using var stream = TestFiles.Open("fit/activity-unexpected-eof.fit");

        var ex = Assert.Throws<BrokenFileException>(() => ActivityFileReader.Read(stream, FileFormat.Fit).ToList());

        Assert.Equal("truncated", ex.Problem);
        Assert.Equal(768, ex.ByteOffset);
    }

    [Fact]
    public void Read_ReportsBadFileCrcAndYieldsNoEvent_ForFileCrcFile()
    {
        using var stream = TestFiles.Open("fit/activity-filecrc.fit");
        var yielded = 0;

        var ex = Assert.Throws<BrokenFileException>(() =>
        {
            foreach (var unused in ActivityFileReader.Read(stream, FileFormat.Fit))
            {
                yielded++;
            }
        });

        Assert.Equal("bad_file_crc", ex.Problem);
        Assert.Equal(0, yielded);
    }

    [Fact]
    public void Read_YieldsOneWorkoutPerFile_ForChainedFiles()
    {
        var chained = TestFiles.Bytes("fit/garmin-fenix-5-run.fit").Concat(TestFiles.Bytes("fit/garmin-edge-820-bike.fit")).ToArray();

        var (events, _) = ActivityFileReader.ReadAll(new NonSeekableStream(chained), FileFormat.Fit);

        Assert.Equal([Activities.Running, Activities.Cycling], events.Select(e => e.Workout!.Activity));
    }

    [Fact]
    public void Read_YieldsOneWorkoutPerSessionWithMappedSports_ForMultisportFile()
    {
        // Session: start_time, total_elapsed_time, total_timer_time (absent in the second), sport, sub_sport.
        var file = FitFileBuilder.Build(
            [0x40, 0, 0, 18, 0, 5, 2, 4, 0x86, 7, 4, 0x86, 8, 4, 0x86, 5, 1, 0x00, 6, 1, 0x00],
            [0x00, 0x00, 0x00, 0x00, 0x30, 0x40, 0x77, 0x1B, 0x00, 0x20, 0xBF, 0x02, 0x00, 4, 15],
            [0x00, 0x00, 0x10, 0x00, 0x30, 0x40, 0x77, 0x1B, 0x00, 0xFF, 0xFF, 0xFF, 0xFF, 15, 0]);

        var (events, _) = ActivityFileReader.ReadAll(new MemoryStream(file), FileFormat.Fit);

        Assert.Equal(2, events.Count);
        Assert.Equal(Activities.Elliptical, events[0].Workout!.Activity);
        Assert.Equal(3, events[0].Workout!.DurationMinutes, 6);
        Assert.Equal(Activities.Rowing, events[1].Workout!.Activity);
        Assert.Equal(30, events[1].Workout!.DurationMinutes, 6);
        Assert.Equal(FitEpoch.AddSeconds(0x30000000), events[0].OccurredAt);
        Assert.Equal(["fit:0:0:session:0", "fit:0:0:session:1"], events.Select(e => e.Id));
    }
}
