namespace SkinProgress.Email.Charts;

/// <summary>
/// One character of the chart's typeface at one pixel size, rasterised once: its anti-aliased coverage (0–255, a byte
/// a pixel, <paramref name="Width"/> per row), where that sits from the pen's position on the baseline, and how far
/// the pen then moves.
/// </summary>
internal sealed record GlyphMask(int Left, int Top, int Width, int Height, float Advance, byte[] Coverage);
