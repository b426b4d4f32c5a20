using System.Text;
using SkinProgress.Events;

namespace SkinProgress.Formats.Tests.Gpx;

public sealed class GpxReaderTests
{
    [Fact]
    public void Read_YieldsWorkoutWithHeartRate_ForGarminConnectRun()
    {
        var (events, _) = TestFiles.ReadAll("gpx/run.gpx", FileFormat.Gpx);

        var e = Assert.Single(events);
        Assert.Equal("gpx:2012-10-24T23:29:40Z:0", e.Id);
        Assert.Equal(Activities.Other, e.Workout!.Activity);
        Assert.Equal(15.8, e.Workout.DurationMinutes, 6);
        Assert.InRange(e.Workout.DistanceKm!.Value, 3.05, 3.15);
        Assert.Equal(190, e.Workout.AvgHeartRate);
    }

    [Fact]
    public void Read_YieldsWorkoutWithHeartRate_ForStravaExport()
    {
        var (events, _) = TestFiles.ReadAll("gpx/run_gpxtpx.gpx", FileFormat.Gpx);

        var e = Assert.Single(events);
        Assert.Equal("gpx:2015-01-19T21:24:20Z:0", e.Id);
        Assert.Equal(new DateTimeOffset(2015, 1, 19, 21, 24, 20, TimeSpan.Zero), e.OccurredAt);
        Assert.Equal(20.9333, e.Workout!.DurationMinutes, 4);
        Assert.InRange(e.Workout.DistanceKm!.Value, 3.5, 3.65);
        Assert.Equal(169, e.Workout.AvgHeartRate);
    }

    [Fact]
    public void Read_AveragesOnlyThePointsWithHeartRate_ForMissingHrFile()
    {
        var (events, _) = TestFiles.ReadAll("gpx/missing_hr.gpx", FileFormat.Gpx);

        var e = Assert.Single(events);
        Assert.Equal(2.0333, e.Workout!.DurationMinutes, 4);
        Assert.Equal(111, e.Workout.AvgHeartRate);
    }

    [Fact]
    public void Read_WarnsAndYieldsNoEvent_ForEmptyTrack()
    {
        var (events, warnings) = TestFiles.ReadAll("gpx/empty_trk.gpx", FileFormat.Gpx);

        Assert.Empty(events);
        Assert.Equal("empty_track", Assert.Single(warnings).Code);
    }

    [Fact]
    public void Read_ReportsUndatedTrack_WhenPointsHaveNoTimes()
    {
        const string undated = """
            <gpx version="1.1" xmlns="http://www.topografix.com/GPX/1/1"><trk><trkseg>
              <trkpt lat="1" lon="1"/><trkpt lat="1.01" lon="1"/>
            </trkseg></trk></gpx>
            """;

        var ex = Assert.Throws<BrokenFileException>(() => ActivityFileReader.ReadAll(new MemoryStream(Encoding.UTF8.GetBytes(undated)), FileFormat.Gpx));

        Assert.Equal("undated_track", ex.Problem);
    }

    [Fact]
    public void Read_ReadsGpx10TypeAndAnyHeartRatePrefix()
    {
        const string gpx10 = """
            <gpx version="1.0" xmlns="http://www.topografix.com/GPX/1/0" xmlns:ns3="http://www.garmin.com/xmlschemas/TrackPointExtension/v2">
              <trk><type>cycling</type><trkseg>
                <trkpt lat="0" lon="0"><time>2020-01-01T10:00:00Z</time><extensions><ns3:TrackPointExtension><ns3:hr>100</ns3:hr></ns3:TrackPointExtension></extensions></trkpt>
                <trkpt lat="0" lon="0.1"><time>2020-01-01T10:30:00Z</time><extensions><ns3:TrackPointExtension><ns3:hr>120</ns3:hr></ns3:TrackPointExtension></extensions></trkpt>
              </trkseg></trk>
            </gpx>
            """;

        var (events, _) = ActivityFileReader.ReadAll(new MemoryStream(Encoding.UTF8.GetBytes(gpx10)), FileFormat.Gpx);

        var e = Assert.Single(events);
        Assert.Equal(Activities.Cycling, e.Workout!.Activity);
        Assert.Equal(30, e.Workout.DurationMinutes, 6);
        Assert.Equal(11.12, e.Workout.DistanceKm!.Value, 2);
        Assert.Equal(110, e.Workout.AvgHeartRate);
    }
}
