using SkiaSharp;

namespace SkinProgress.Email.Charts;

/// <summary>
/// The chart's typeface, DejaVu Sans, embedded in this assembly (Fonts/, with its licence): the chart then looks the
/// same on every machine, with no font package or fontconfig installed, and text never falls back to a serif face.
/// </summary>
public static class ChartFont
{
    private const string ResourceName = "SkinProgress.Email.Charts.DejaVuSans.ttf";

    private static readonly Lazy<SKTypeface> Loaded = new(() =>
    {
        using var stream = typeof(ChartFont).Assembly.GetManifestResourceStream(ResourceName)
            ?? throw new InvalidOperationException($"The embedded font {ResourceName} is missing.");
        // Copied into Skia's own memory: a typeface made from a stream reads it lazily, after this one is disposed.
        using var data = SKData.Create(stream);
        return SKTypeface.FromData(data) ?? throw new InvalidOperationException($"The embedded font {ResourceName} could not be read.");
    });

    public static SKTypeface Typeface => Loaded.Value;
}
