namespace SkinProgress.Formats.Tests;

/// <summary>The fixtures copied into the test output (see TestData/NOTICE.md for where each comes from).</summary>
internal static class TestFiles
{
    public static string PathOf(string relative) => Path.Combine(AppContext.BaseDirectory, "TestData", relative);

    public static byte[] Bytes(string relative) => File.ReadAllBytes(PathOf(relative));

    public static FileStream Open(string relative) => File.OpenRead(PathOf(relative));

    public static (IReadOnlyList<Contracts.HealthEvent> Events, IReadOnlyList<ImportWarning> Warnings) ReadAll(string relative, FileFormat format)
    {
        using var stream = Open(relative);
        return ActivityFileReader.ReadAll(stream, format);
    }

    /// <summary>Every fixture that is an input file (the CSV oracles are not), with the format it really has.</summary>
    public static readonly IReadOnlyList<(string File, FileFormat Format)> Inputs =
    [
        ("fit/garmin-fenix-5-run.fit", FileFormat.Fit),
        ("fit/garmin-edge-820-bike.fit", FileFormat.Fit),
        ("fit/compressed-speed-distance.fit", FileFormat.Fit),
        ("fit/developer-types-sample.fit", FileFormat.Fit),
        ("fit/activity-unexpected-eof.fit", FileFormat.Fit),
        ("fit/activity-filecrc.fit", FileFormat.Fit),
        ("fit/WeightScaleSingleUser.fit", FileFormat.Fit),
        ("fit/20474406937_ACTIVITY.fit", FileFormat.Fit),
        ("fit/activity_poolswim_with_hr.fit", FileFormat.Fit),
        ("tcx/test.tcx", FileFormat.Tcx),
        ("tcx/no_hr.tcx", FileFormat.Tcx),
        ("gpx/run.gpx", FileFormat.Gpx),
        ("gpx/run_gpxtpx.gpx", FileFormat.Gpx),
        ("gpx/missing_hr.gpx", FileFormat.Gpx),
        ("gpx/empty_trk.gpx", FileFormat.Gpx),
        ("applehealth/opendroid-sampleexport-2.xml", FileFormat.AppleHealthXml),
        ("applehealth/dogsheep-export.xml", FileFormat.AppleHealthXml),
    ];
}
