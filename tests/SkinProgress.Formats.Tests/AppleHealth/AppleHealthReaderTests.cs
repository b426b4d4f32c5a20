using System.IO.Compression;
using System.Text;
using SkinProgress.Events;

namespace SkinProgress.Formats.Tests.AppleHealth;

public sealed class AppleHealthReaderTests
{
    private const double KgPerPound = 0.45359237;

    [Fact]
    public void Read_YieldsSevenWeightsInKgAndFiveWorkouts_ForOpendroidExport()
    {
        var (events, warnings) = TestFiles.ReadAll("applehealth/opendroid-sampleexport-2.xml", FileFormat.AppleHealthXml);

        var weights = events.Where(e => e.Type == EventTypes.Weight).Select(e => e.Weight!.WeightKg).ToList();
        Assert.Equal(new[] { 181, 140, 180, 138, 138.8, 195, 188.826 }.Select(lb => lb * KgPerPound), weights);
        var workouts = events.Where(e => e.Type == EventTypes.Workout).Select(e => e.Workout!).ToList();
        Assert.Equal(
            [Activities.Walking, Activities.Walking, Activities.Other, Activities.Walking, Activities.Walking],
            workouts.Select(w => w.Activity));
        Assert.Equal(38.35598726669947, workouts[0].DurationMinutes, 9);
        Assert.Equal(2.169559267617529 * 1.609344, workouts[0].DistanceKm!.Value, 9);
        Assert.Equal(158.794, workouts[0].EnergyKcal!.Value, 3);
        Assert.Equal(12, events.Count);
        Assert.Empty(warnings);
        Assert.Equal(new DateTimeOffset(2016, 2, 9, 23, 59, 59, TimeSpan.FromHours(-8)), events[0].OccurredAt);
        Assert.All(events, e => Assert.InRange(e.Id.Length, 1, 128));
        Assert.Equal(events.Count, events.Select(e => e.Id).Distinct().Count());
    }

    [Fact]
    public void Read_YieldsRunInKm_ForDogsheepExportWithoutDeclaration()
    {
        var (events, _) = TestFiles.ReadAll("applehealth/dogsheep-export.xml", FileFormat.AppleHealthXml);

        var e = Assert.Single(events);
        Assert.Equal(Activities.Running, e.Workout!.Activity);
        Assert.Equal(new DateTimeOffset(2016, 11, 14, 7, 25, 41, TimeSpan.FromHours(-7)), e.OccurredAt);
        Assert.Equal(5.19412346680959, e.Workout.DurationMinutes, 9);
        Assert.Equal(0.4971749504535062 * 1.609344, e.Workout.DistanceKm!.Value, 9);
        Assert.Equal(48.745, e.Workout.EnergyKcal!.Value, 6);
    }

    [Theory]
    [InlineData("apple_health_export/export.xml")]
    [InlineData("some/deeper/folder/export.xml")]
    public void Read_YieldsTheSameEventsFromTheZip_AsFromItsExportXml(string entryPath)
    {
        var xml = TestFiles.Bytes("applehealth/opendroid-sampleexport-2.xml");
        using var zip = Zip(("apple_health_export/export_cda.xml", "<ClinicalDocument/>"u8.ToArray()), (entryPath, xml));

        var (fromZip, _) = ActivityFileReader.ReadAll(zip, FileFormat.AppleHealthZip);
        var (fromXml, _) = ActivityFileReader.ReadAll(new MemoryStream(xml), FileFormat.AppleHealthXml);

        Assert.Equal(fromXml, fromZip);
    }

    [Fact]
    public void Read_RejectsNonSeekableStream_ForZip()
    {
        using var stream = new NonSeekableStream([0x50, 0x4B, 0x03, 0x04]);

        Assert.Throws<ArgumentException>(() => ActivityFileReader.Read(stream, FileFormat.AppleHealthZip));
    }

    [Fact]
    public void Read_ReportsNoExport_ForZipWithoutExportXml()
    {
        using var zip = Zip(("readme.txt", "hello"u8.ToArray()));

        var ex = Assert.Throws<BrokenFileException>(() => ActivityFileReader.ReadAll(zip, FileFormat.AppleHealthZip));

        Assert.Equal("no_export", ex.Problem);
    }

    [Fact]
    public void Read_ReadsStatisticsNutritionAndWater_AndCountsOutOfRangeRecords_ForNewStyleExport()
    {
        const string export = """
            <?xml version="1.0" encoding="UTF-8"?>
            <HealthData locale="en_US">
             <Record type="HKQuantityTypeIdentifierDietaryProtein" sourceName="MyFitnessPal" unit="g" startDate="2023-03-01 12:00:00 +0100" endDate="2023-03-01 12:00:00 +0100" value="32.5"/>
             <Record type="HKQuantityTypeIdentifierDietaryEnergyConsumed" sourceName="MyFitnessPal" unit="kJ" startDate="2023-03-01 12:00:00 +0100" endDate="2023-03-01 12:00:00 +0100" value="2092"/>
             <Record type="HKQuantityTypeIdentifierDietaryWater" sourceName="WaterMinder" unit="fl_oz_us" startDate="2023-03-01 13:00:00 +0100" endDate="2023-03-01 13:00:00 +0100" value="16"/>
             <Record type="HKQuantityTypeIdentifierBodyMass" sourceName="Scale" unit="kg" startDate="2023-03-02 07:00:00 +0100" endDate="2023-03-02 07:00:00 +0100" value="1000"/>
             <Record type="HKQuantityTypeIdentifierBodyMass" sourceName="Scale" unit="kg" startDate="2023-03-03 07:00:00 +0100" endDate="2023-03-03 07:00:00 +0100" value="5"/>
             <Workout workoutActivityType="HKWorkoutActivityTypeTraditionalStrengthTraining" duration="0.75" durationUnit="hr" sourceName="Watch" startDate="2023-03-01 18:00:00 +0100" endDate="2023-03-01 18:45:00 +0100">
              <WorkoutStatistics type="HKQuantityTypeIdentifierActiveEnergyBurned" startDate="2023-03-01 18:00:00 +0100" endDate="2023-03-01 18:45:00 +0100" sum="250" unit="kcal"/>
              <WorkoutStatistics type="HKQuantityTypeIdentifierHeartRate" startDate="2023-03-01 18:00:00 +0100" endDate="2023-03-01 18:45:00 +0100" average="121.4" minimum="80" maximum="160" unit="count/min"/>
             </Workout>
             <Workout workoutActivityType="HKWorkoutActivityTypeRunning" duration="1800" durationUnit="s" sourceName="Watch" startDate="2023-03-02 18:00:00 +0100" endDate="2023-03-02 18:30:00 +0100">
              <WorkoutStatistics type="HKQuantityTypeIdentifierDistanceWalkingRunning" startDate="2023-03-02 18:00:00 +0100" endDate="2023-03-02 18:30:00 +0100" sum="5200" unit="m"/>
             </Workout>
            </HealthData>
            """;

        var (events, warnings) = ActivityFileReader.ReadAll(new MemoryStream(Encoding.UTF8.GetBytes(export)), FileFormat.AppleHealthXml);

        Assert.Equal(32.5, events[0].Meal!.ProteinGrams);
        Assert.Equal(0, events[1].Meal!.ProteinGrams);
        Assert.Equal(500, events[1].Meal!.EnergyKcal!.Value, 6);
        Assert.Equal(473.176473, events[2].Hydration!.VolumeMl, 6);
        Assert.Equal(Activities.StrengthTraining, events[3].Workout!.Activity);
        Assert.Equal(45, events[3].Workout!.DurationMinutes, 9);
        Assert.Equal(250, events[3].Workout!.EnergyKcal);
        Assert.Equal(121, events[3].Workout!.AvgHeartRate);
        Assert.Equal(30, events[4].Workout!.DurationMinutes, 9);
        Assert.Equal(5.2, events[4].Workout!.DistanceKm!.Value, 9);
        Assert.Equal(5, events.Count);
        Assert.Equal(new DateTimeOffset(2023, 3, 1, 12, 0, 0, TimeSpan.FromHours(1)), events[0].OccurredAt);
        var warning = Assert.Single(warnings);
        Assert.Equal(("out_of_range", 2), (warning.Code, warning.Count));
    }

    [Theory]
    [InlineData("0001-01-01 00:00:00 +1400")]
    [InlineData("9999-12-31 23:59:59 -1400")]
    public void Read_SkipsRecord_WhoseDateHasNoUtcInstant(string date)
    {
        var export = $"""
            <?xml version="1.0" encoding="UTF-8"?>
            <HealthData locale="en_US">
             <Record type="HKQuantityTypeIdentifierBodyMass" sourceName="Scale" unit="kg" startDate="{date}" endDate="{date}" value="80"/>
             <Record type="HKQuantityTypeIdentifierBodyMass" sourceName="Scale" unit="kg" startDate="2023-03-02 07:00:00 +0100" endDate="2023-03-02 07:00:00 +0100" value="81"/>
            </HealthData>
            """;

        var (events, warnings) = ActivityFileReader.ReadAll(new MemoryStream(Encoding.UTF8.GetBytes(export)), FileFormat.AppleHealthXml);

        Assert.Equal(81, Assert.Single(events).Weight!.WeightKg);
        Assert.Equal(1, Assert.Single(warnings).Count);
    }

    [Fact]
    public void Read_NeverResolvesExternalEntities()
    {
        const string hostile = """
            <?xml version="1.0"?>
            <!DOCTYPE HealthData [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>
            <HealthData><Record type="HKQuantityTypeIdentifierBodyMass" sourceName="&xxe;" unit="kg" startDate="2023-03-02 07:00:00 +0100" endDate="2023-03-02 07:00:00 +0100" value="80"/></HealthData>
            """;

        var ex = Assert.Throws<BrokenFileException>(() => ActivityFileReader.ReadAll(new MemoryStream(Encoding.UTF8.GetBytes(hostile)), FileFormat.AppleHealthXml));

        Assert.Equal("invalid_xml", ex.Problem);
        Assert.DoesNotContain("root:", ex.Message, StringComparison.Ordinal);
    }

    private static MemoryStream Zip(params (string Path, byte[] Content)[] entries)
    {
        var stream = new MemoryStream();
        using (var archive = new ZipArchive(stream, ZipArchiveMode.Create, leaveOpen: true))
        {
            foreach (var (path, content) in entries)
            {
                using var entry = archive.CreateEntry(path).Open();
                entry.Write(content);
            }
        }

        stream.Position = 0;
        return stream;
    }
}
