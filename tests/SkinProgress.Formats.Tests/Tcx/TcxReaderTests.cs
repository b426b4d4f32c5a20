using System.Text;
using SkinProgress.Events;

namespace SkinProgress.Formats.Tests.Tcx;

public sealed class TcxReaderTests
{
    [Fact]
    public void Read_SumsThreeLapsIntoOneRun_ForForerunner410File()
    {
        var (events, warnings) = TestFiles.ReadAll("tcx/test.tcx", FileFormat.Tcx);

        var e = Assert.Single(events);
        Assert.Empty(warnings);
        Assert.Equal("tcx:2012-12-26T21:29:53Z", e.Id);
        Assert.Equal(new DateTimeOffset(2012, 12, 26, 21, 29, 53, TimeSpan.Zero), e.OccurredAt);
        Assert.Equal(Activities.Running, e.Workout!.Activity);
        Assert.Equal((608.47 + 714.80 + 669.51) / 60, e.Workout.DurationMinutes, 6);
        Assert.Equal(4.68924267578, e.Workout.DistanceKm!.Value, 9);
        Assert.Equal(94 + 151 + 134, e.Workout.EnergyKcal);

        // Lap averages 139, 172, 167 weighted by lap time give 160.24.
        Assert.Equal(160, e.Workout.AvgHeartRate);
    }

    [Fact]
    public void Read_YieldsRunWithoutHeartRate_ForNoHrFile()
    {
        var (events, _) = TestFiles.ReadAll("tcx/no_hr.tcx", FileFormat.Tcx);

        var e = Assert.Single(events);
        Assert.Equal(Activities.Running, e.Workout!.Activity);
        Assert.Equal(33.213, e.Workout.DurationMinutes, 6);
        Assert.Null(e.Workout.AvgHeartRate);
    }

    [Fact]
    public void Read_ReportsNoActivity_ForPlannedWorkoutFile()
    {
        const string planned = """
            <?xml version="1.0" encoding="UTF-8"?>
            <TrainingCenterDatabase xmlns="http://www.garmin.com/xmlschemas/TrainingCenterDatabase/v2">
              <Workouts><Workout Sport="Running"><Name>Intervals</Name></Workout></Workouts>
            </TrainingCenterDatabase>
            """;

        var ex = Assert.Throws<BrokenFileException>(() => ActivityFileReader.ReadAll(new MemoryStream(Encoding.UTF8.GetBytes(planned)), FileFormat.Tcx));

        Assert.Equal("no_activity", ex.Problem);
        Assert.Contains("planned", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Read_MapsBikingToCyclingAndYieldsEachActivity_ForTwoActivityFile()
    {
        const string two = """
            <TrainingCenterDatabase xmlns="http://www.garmin.com/xmlschemas/TrainingCenterDatabase/v2">
              <Activities>
                <Activity Sport="Biking"><Id>2020-05-01T10:00:00Z</Id>
                  <Lap StartTime="2020-05-01T10:00:00Z"><TotalTimeSeconds>3600</TotalTimeSeconds><DistanceMeters>30000</DistanceMeters><Calories>700</Calories></Lap>
                </Activity>
                <Activity Sport="Other"><Id>2020-05-02T10:00:00Z</Id>
                  <Lap StartTime="2020-05-02T10:00:00Z"><TotalTimeSeconds>600</TotalTimeSeconds></Lap>
                </Activity>
              </Activities>
            </TrainingCenterDatabase>
            """;

        var (events, _) = ActivityFileReader.ReadAll(new MemoryStream(Encoding.UTF8.GetBytes(two)), FileFormat.Tcx);

        Assert.Equal([Activities.Cycling, Activities.Other], events.Select(e => e.Workout!.Activity));
        Assert.Equal(30, events[0].Workout!.DistanceKm);
        Assert.Equal(10, events[1].Workout!.DurationMinutes);
    }
}
