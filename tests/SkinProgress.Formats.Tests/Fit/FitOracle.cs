using System.Globalization;

namespace SkinProgress.Formats.Tests.Fit;

/// <summary>Reads the python-fitparse per-record CSV oracles that sit beside the FIT fixtures.</summary>
internal static class FitOracle
{
    public static IReadOnlyList<string[]> Rows(string relative) =>
        File.ReadAllLines(TestFiles.PathOf(relative)).Skip(1).Where(l => l.Length > 0).Select(l => l.Split(',')).ToList();

    public static double Number(string text) => double.Parse(text, CultureInfo.InvariantCulture);

    /// <summary>The oracles print times as Pacific Daylight Time text, e.g. "Sun Jun 11 07:34:09 PDT 2017".</summary>
    public static DateTimeOffset PacificDaylightTime(string text)
    {
        var local = DateTime.ParseExact(text.Replace(" PDT ", " ", StringComparison.Ordinal), "ddd MMM dd HH:mm:ss yyyy", CultureInfo.InvariantCulture);
        return new DateTimeOffset(local, TimeSpan.FromHours(-7));
    }

    public static DateTimeOffset FitTime(uint timestamp) => new DateTimeOffset(1989, 12, 31, 0, 0, 0, TimeSpan.Zero).AddSeconds(timestamp);
}
