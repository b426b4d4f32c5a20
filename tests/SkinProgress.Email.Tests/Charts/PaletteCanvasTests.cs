using SkiaSharp;
using SkinProgress.Email.Charts;

namespace SkinProgress.Email.Tests.Charts;

public sealed class PaletteCanvasTests
{
    // Palette: 0 white, 1–3 the teal's steps (3 the teal itself), 4 the blue.
    private const int Teal = 0;
    private const int Blue = 1;
    private static readonly Ink[] Inks = [new(SKColor.Parse("#0F766E"), 3), new(SKColor.Parse("#2563EB"), 1)];

    [Fact]
    public void Fill_SetsThePixelsWhoseCentresAreInside_ToTheInk_AtOddAndEvenEdges()
    {
        using var canvas = new PaletteCanvas(9, 4, Inks);

        canvas.Fill(0.6f, 1, 6.4f, 3, Blue); // centres 1.5 … 5.5 inside: pixels 1 to 5 (odd start, odd end)
        canvas.Fill(2, 0, 4, 1, Teal);        // pixels 2 and 3 (a whole byte)

        Assert.Equal(
            [
                "003300000",
                "044444000",
                "044444000",
                "000000000",
            ],
            Rows(canvas));
    }

    [Fact]
    public void Fill_IsCutToTheCanvasAndTheClip()
    {
        using var canvas = new PaletteCanvas(6, 4, Inks);

        canvas.Fill(-5, -5, 50, 1, Blue);
        canvas.Clip = new SKRectI(2, 2, 4, 100);
        canvas.Fill(-5, -5, 50, 50, Teal);

        Assert.Equal(["444444", "000000", "003300", "003300"], Rows(canvas));
    }

    [Fact]
    public void Blit_AtEachEdge_DrawsOnlyThePartInside_InTheStepsOfItsCoverage()
    {
        // Three by two: full, two thirds, one third of the ink; then none, full, a sliver that rounds to none.
        var glyph = new GlyphMask(Left: -1, Top: -2, Width: 3, Height: 2, Advance: 3, Coverage: [255, 170, 85, 0, 255, 20]);
        using var canvas = new PaletteCanvas(5, 5, Inks);

        canvas.Blit(glyph, 1, 2, Teal);   // in the top left corner, whole
        canvas.Blit(glyph, 3, 1, Teal);   // top row cut off
        canvas.Blit(glyph, 0, 5, Teal);   // left column and bottom row cut off
        canvas.Blit(glyph, 5, 6, Teal);   // all but the first column and the top row cut off
        canvas.Blit(glyph, 9, 9, Teal);   // outside entirely

        Assert.Equal(
            [
                "32130",
                "03000",
                "00000",
                "21000",
                "30003",
            ],
            Rows(canvas));
    }

    [Fact]
    public void Stroke_AcrossThePlot_CoversThePixelsOnTheLine_AndNothingAwayFromIt()
    {
        using var canvas = new PaletteCanvas(100, 60, Inks);
        SKPoint[] line = [new(10, 10), new(90, 50)];

        canvas.Stroke(line, 4, Teal);

        for (var x = 0; x < 100; x++)
        {
            for (var y = 0; y < 60; y++)
            {
                // Distance of the pixel's centre from the segment.
                var (px, py) = (x + 0.5f, y + 0.5f);
                var along = Math.Clamp(((px - 10) * 80 + ((py - 10) * 40)) / ((80 * 80) + (40 * 40)), 0, 1);
                var distance = MathF.Sqrt(MathF.Pow(px - 10 - (along * 80), 2) + MathF.Pow(py - 10 - (along * 40), 2));
                if (distance <= 1.4f)
                {
                    Assert.Equal(3, canvas[x, y]);
                }
                else if (distance >= 2.6f)
                {
                    Assert.Equal(0, canvas[x, y]);
                }
                else
                {
                    Assert.InRange(canvas[x, y], 0, 3);
                }
            }
        }
    }

    [Fact]
    public void Stroke_KeepsTheDarkerStep_WhereItsSegmentsOverlap_AndDrawsOverOtherInks()
    {
        using var canvas = new PaletteCanvas(40, 20, Inks);
        canvas.Fill(0, 4, 40, 5, Blue);

        // A sharp turn back: the second segment's soft edge (step 2 at (16, 4)) crosses the first one's solid middle.
        canvas.Stroke([new SKPoint(2, 5), new SKPoint(30, 5), new SKPoint(2, 7)], 3, Teal);

        Assert.Equal(3, canvas[16, 4]);
        Assert.Equal(3, canvas[16, 6]);
        Assert.Equal(4, canvas[38, 4]); // the blue band, away from the line, untouched
        Assert.Equal(0, canvas[16, 15]);
    }

    [Fact]
    public void Disc_IsSolidInside_SoftAtItsEdge_AndClipped()
    {
        using var canvas = new PaletteCanvas(20, 20, Inks);
        canvas.Clip = new SKRectI(0, 0, 10, 20);

        canvas.Disc(10, 10, 4, Teal);

        Assert.Equal(3, canvas[9, 9]);
        Assert.Equal(3, canvas[7, 10]);
        Assert.Equal(0, canvas[10, 10]); // right of the clip
        Assert.Equal(0, canvas[4, 10]);  // centre 5.5 from the centre: beyond the radius and its soft edge
        Assert.InRange(canvas[6, 12], 1, 3);
    }

    private static string[] Rows(PaletteCanvas canvas) =>
        [.. Enumerable.Range(0, canvas.Height).Select(y => string.Concat(Enumerable.Range(0, canvas.Width).Select(x => canvas[x, y].ToString(System.Globalization.CultureInfo.InvariantCulture))))];
}
