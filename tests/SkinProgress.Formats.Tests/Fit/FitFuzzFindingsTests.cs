namespace SkinProgress.Formats.Tests.Fit;

/// <summary>
/// Inputs that once made the FIT reader fail in a way the Api could not answer with a 422, kept in TestData/fuzz
/// (see its NOTICE.md) and fed back to fuzz/fit.sh as seeds.
/// </summary>
public sealed class FitFuzzFindingsTests
{
    public static TheoryData<string> Findings() =>
        [.. Directory.EnumerateFiles(TestFiles.PathOf("fuzz"), "*.fit").Select(path => $"fuzz/{Path.GetFileName(path)}").Order(StringComparer.Ordinal)];

    [Theory]
    [MemberData(nameof(Findings))]
    public void Read_EndsOrThrowsBrokenFileException_ForEveryPastFinding(string file)
    {
        using var stream = TestFiles.Open(file);

        var exception = Record.Exception(() => ActivityFileReader.Read(stream, FileFormat.Fit).Count());

        Assert.True(exception is null or BrokenFileException, $"{file}: {exception}");
    }

    [Fact]
    public void Read_WarnsUndatedWorkout_WhenSessionStartTimeIsBeyondTheFitDateRange()
    {
        // start_time stored as a float32 holding 3.4e38 s: once taken as a date, it threw out of DateTimeOffset.AddSeconds.
        var (events, warnings) = TestFiles.ReadAll("fuzz/session-start-time-float32-max.fit", FileFormat.Fit);

        Assert.Empty(events);
        Assert.Equal("undated_workout", Assert.Single(warnings).Code);
    }
}
