using System.Collections.Concurrent;
using SkiaSharp;

namespace SkinProgress.Email.Charts;

/// <summary>
/// The chart's characters rasterised by Skia from <see cref="ChartFont"/> once per process and size, then only copied:
/// a chart uses a few dozen distinct characters at two sizes, so drawing its text is a lookup and a small blit each.
/// </summary>
internal static class GlyphCache
{
    private static readonly ConcurrentDictionary<(float Size, char Character), GlyphMask> Masks = new();

    /// <param name="size">The font size in device pixels.</param>
    public static GlyphMask Get(float size, char character) => Masks.GetOrAdd((size, character), Rasterise);

    private static GlyphMask Rasterise((float Size, char Character) key)
    {
        // Greyscale anti-aliasing on whole pixels: sub-pixel (LCD) text would add coloured fringes to a palette image,
        // and glyphs are placed on whole pixels anyway.
        using var font = new SKFont(ChartFont.Typeface, key.Size) { Edging = SKFontEdging.Antialias, Subpixel = false };
        var text = key.Character.ToString();
        var advance = font.MeasureText(text, out var bounds);
        if (bounds.IsEmpty)
        {
            return new GlyphMask(0, 0, 0, 0, advance, []);
        }

        // A pixel of margin each side: anti-aliasing can reach just past the outline's bounds.
        var (left, top) = ((int)MathF.Floor(bounds.Left) - 1, (int)MathF.Floor(bounds.Top) - 1);
        var (width, height) = ((int)MathF.Ceiling(bounds.Right) + 1 - left, (int)MathF.Ceiling(bounds.Bottom) + 1 - top);
        using var bitmap = new SKBitmap(new SKImageInfo(width, height, SKColorType.Alpha8, SKAlphaType.Premul));
        bitmap.Erase(SKColors.Transparent);
        using (var canvas = new SKCanvas(bitmap))
        using (var paint = new SKPaint { IsAntialias = true, Color = SKColors.Black })
        {
            canvas.DrawText(text, -left, -top, SKTextAlign.Left, font, paint);
        }

        var coverage = new byte[width * height];
        var pixels = bitmap.GetPixelSpan();
        for (var y = 0; y < height; y++)
        {
            pixels.Slice(y * bitmap.RowBytes, width).CopyTo(coverage.AsSpan(y * width, width));
        }

        return new GlyphMask(left, top, width, height, advance, coverage);
    }
}
