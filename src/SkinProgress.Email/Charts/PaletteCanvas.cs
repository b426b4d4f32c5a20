using System.Buffers;
using SkiaSharp;

namespace SkinProgress.Email.Charts;

/// <summary>
/// A drawing kept as palette indices, four bits a pixel, laid out as a PNG's scanlines (a filter byte, then the row's
/// indices, high half of each byte first): the chart is rasterised straight into what <see cref="IndexedPng"/>
/// writes, with no colour surface to read back and map. Index 0 is white; each ink has its steps from white, lightest
/// first, in <see cref="IndexedPng.Palette"/>'s order. Rectangles take the ink itself; anti-aliased shapes and glyphs
/// take the step nearest their coverage, so a pixel two shapes of one ink cover keeps the darker.
/// Coordinates are device pixels; everything drawn is cut to <see cref="Clip"/>.
/// </summary>
internal sealed class PaletteCanvas : IDisposable
{
    private readonly byte[] buffer;
    private readonly int[] firstIndex;
    private readonly int[] levels;

    public PaletteCanvas(int width, int height, ReadOnlySpan<Ink> inks)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(width, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(height, 1);
        Palette = IndexedPng.Palette(inks);
        (firstIndex, levels) = (new int[inks.Length], new int[inks.Length]);
        for (int i = 0, next = 1; i < inks.Length; next += inks[i].Levels, i++)
        {
            (firstIndex[i], levels[i]) = (next, inks[i].Levels);
        }

        (Width, Height, RowBytes) = (width, height, 1 + ((width + 1) / 2));
        // Rented: a 2× chart's 430 KB would otherwise be a new large-object allocation per chart.
        buffer = ArrayPool<byte>.Shared.Rent(height * RowBytes);
        Scanlines.Clear();
        Clip = new SKRectI(0, 0, width, height);
    }

    public int Width { get; }

    public int Height { get; }

    public int RowBytes { get; }

    public SKColor[] Palette { get; }

    /// <summary>Only pixels inside this rectangle (right and bottom exclusive) are drawn; the whole canvas to start.</summary>
    public SKRectI Clip
    {
        get;
        set => field = SKRectI.Intersect(value, new SKRectI(0, 0, Width, Height));
    }

    /// <summary>Every row, each led by its (unset) filter byte.</summary>
    public Span<byte> Scanlines => buffer.AsSpan(0, Height * RowBytes);

    /// <summary>The palette index of one pixel.</summary>
    public int this[int x, int y]
    {
        get
        {
            var pair = buffer[(y * RowBytes) + 1 + (x >> 1)];
            return (x & 1) == 0 ? pair >> 4 : pair & 0x0F;
        }
    }

    /// <summary>Sets every pixel whose centre lies inside the rectangle (right and bottom exclusive) to the ink itself.</summary>
    public void Fill(float left, float top, float right, float bottom, int ink)
    {
        var (x0, x1) = (Math.Max(Round(left), Clip.Left), Math.Min(Round(right), Clip.Right));
        var (y0, y1) = (Math.Max(Round(top), Clip.Top), Math.Min(Round(bottom), Clip.Bottom));
        if (x0 >= x1)
        {
            return;
        }

        var index = (byte)(firstIndex[ink] + levels[ink] - 1);
        for (var y = y0; y < y1; y++)
        {
            FillRow(buffer.AsSpan((y * RowBytes) + 1, RowBytes - 1), x0, x1, index);
        }
    }

    /// <summary>Draws a glyph with its pen position at (<paramref name="x"/>, <paramref name="baseline"/>).</summary>
    public void Blit(GlyphMask glyph, int x, int baseline, int ink)
    {
        var (left, top) = (x + glyph.Left, baseline + glyph.Top);
        var (x0, x1) = (Math.Max(left, Clip.Left), Math.Min(left + glyph.Width, Clip.Right));
        var (y0, y1) = (Math.Max(top, Clip.Top), Math.Min(top + glyph.Height, Clip.Bottom));
        for (var y = y0; y < y1; y++)
        {
            var row = glyph.Coverage.AsSpan((y - top) * glyph.Width, glyph.Width);
            for (var px = x0; px < x1; px++)
            {
                if (row[px - left] is var alpha and > 0)
                {
                    Cover(px, y, ink, ((alpha * levels[ink]) + 127) / 255);
                }
            }
        }
    }

    /// <summary>An anti-aliased disc.</summary>
    public void Disc(float centreX, float centreY, float radius, int ink) =>
        Capsule(new SKPoint(centreX, centreY), new SKPoint(centreX, centreY), radius, ink);

    /// <summary>An anti-aliased line through the points, <paramref name="width"/> thick, with round ends and joins.</summary>
    public void Stroke(ReadOnlySpan<SKPoint> points, float width, int ink)
    {
        for (var i = 1; i < points.Length; i++)
        {
            Capsule(points[i - 1], points[i], width / 2, ink);
        }
    }

    public void Dispose() => ArrayPool<byte>.Shared.Return(buffer);

    private static int Round(float value) => (int)MathF.Floor(value + 0.5f);

    /// <summary>
    /// Every pixel within <paramref name="radius"/> of the segment from <paramref name="a"/> to <paramref name="b"/>,
    /// its coverage estimated from its centre's distance to the segment (a pixel's width of soft edge).
    /// </summary>
    private void Capsule(SKPoint a, SKPoint b, float radius, int ink)
    {
        var reach = radius + 1;
        var x0 = Math.Max((int)MathF.Floor(Math.Min(a.X, b.X) - reach), Clip.Left);
        var x1 = Math.Min((int)MathF.Ceiling(Math.Max(a.X, b.X) + reach), Clip.Right);
        var y0 = Math.Max((int)MathF.Floor(Math.Min(a.Y, b.Y) - reach), Clip.Top);
        var y1 = Math.Min((int)MathF.Ceiling(Math.Max(a.Y, b.Y) + reach), Clip.Bottom);
        var (dx, dy) = (b.X - a.X, b.Y - a.Y);
        var lengthSquared = (dx * dx) + (dy * dy);
        for (var y = y0; y < y1; y++)
        {
            for (var x = x0; x < x1; x++)
            {
                var (px, py) = (x + 0.5f - a.X, y + 0.5f - a.Y);
                // The nearest point of the segment, as a share of the way from a to b.
                var along = lengthSquared > 0 ? Math.Clamp(((px * dx) + (py * dy)) / lengthSquared, 0, 1) : 0;
                var (ex, ey) = (px - (along * dx), py - (along * dy));
                var coverage = Math.Clamp(radius + 0.5f - MathF.Sqrt((ex * ex) + (ey * ey)), 0, 1);
                if (coverage > 0)
                {
                    Cover(x, y, ink, (int)((coverage * levels[ink]) + 0.5f));
                }
            }
        }
    }

    /// <summary>Sets a pixel to the ink's <paramref name="level"/>th step unless it already holds a darker step of the same ink.</summary>
    private void Cover(int x, int y, int ink, int level)
    {
        if (level <= 0)
        {
            return;
        }

        var index = firstIndex[ink] + level - 1;
        var current = this[x, y];
        if (current >= index && current < firstIndex[ink] + levels[ink])
        {
            return;
        }

        ref var pair = ref buffer[(y * RowBytes) + 1 + (x >> 1)];
        pair = (x & 1) == 0 ? (byte)((pair & 0x0F) | (index << 4)) : (byte)((pair & 0xF0) | index);
    }

    /// <summary>Sets pixels <paramref name="x0"/> to <paramref name="x1"/> (exclusive) of one row's indices.</summary>
    private static void FillRow(Span<byte> row, int x0, int x1, byte index)
    {
        if ((x0 & 1) == 1)
        {
            row[x0 >> 1] = (byte)((row[x0 >> 1] & 0xF0) | index); // the low half: the pixel before keeps the high half
            x0++;
        }

        var pairs = (x1 - x0) >> 1;
        row.Slice(x0 >> 1, pairs).Fill((byte)((index << 4) | index));
        x0 += pairs * 2;
        if (x0 < x1)
        {
            row[x0 >> 1] = (byte)((row[x0 >> 1] & 0x0F) | (index << 4));
        }
    }
}
