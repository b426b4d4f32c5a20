using SkiaSharp;
using SkinProgress.Email.Charts;

namespace SkinProgress.Email.Tests.Charts;

public sealed class IndexedPngTests
{
    private static readonly SKColor Teal = SKColor.Parse("#0F766E");
    private static readonly SKColor Blue = SKColor.Parse("#2563EB");

    [Fact]
    public void Palette_IsWhiteThenEachInksBlends_EndingOnTheInk()
    {
        var palette = IndexedPng.Palette([new(Teal, 3), new(Blue, 1)]);

        Assert.Equal(5, palette.Length);
        Assert.Equal(SKColors.White, palette[0]);
        Assert.Equal(Teal, palette[3]);
        Assert.Equal(Blue, palette[4]);
        Assert.True(palette[1].Green > palette[2].Green && palette[2].Green > Teal.Green);
    }

    [Theory]
    [InlineData(4, 4)]   // 13 colours: four bits a pixel
    [InlineData(20, 8)]  // 41: a byte
    public void Encode_KeepsPaletteColoursExactly_AndMapsOthersToTheNearest(int levels, int bitDepth)
    {
        using var bitmap = new SKBitmap(new SKImageInfo(33, 5, SKColorType.Rgba8888, SKAlphaType.Opaque));
        bitmap.Erase(SKColors.White);
        var palette = IndexedPng.Palette([new(Teal, levels), new(Blue, 1)]);
        for (var x = 0; x < palette.Length && x < 33; x++)
        {
            bitmap.SetPixel(x, 1, palette[x]);
        }

        bitmap.SetPixel(5, 3, new SKColor(0x26, 0x62, 0xEA)); // one step off the blue
        using var pixels = bitmap.PeekPixels();

        var png = IndexedPng.Encode(pixels, [new(Teal, levels), new(Blue, 1)]);

        Assert.Equal(bitDepth, png[24]);
        using var decoded = SKBitmap.Decode(png);
        for (var x = 0; x < 33; x++)
        {
            Assert.Equal(x < palette.Length ? palette[x] : SKColors.White, decoded.GetPixel(x, 1));
            Assert.Equal(SKColors.White, decoded.GetPixel(x, 0));
        }

        Assert.Equal(Blue, decoded.GetPixel(5, 3));
    }

    [Theory]
    [InlineData(1)]  // four bits a pixel: runs that start and end in either half of a byte
    [InlineData(20)] // a byte a pixel
    public void Encode_RunsOfEveryLength_AtEveryOffset_AndRepeatedRows_DecodeToThePixelsDrawn(int tealLevels)
    {
        Ink[] inks = [new(Teal, tealLevels), new(Blue, 1)];
        var palette = IndexedPng.Palette(inks);
        const int width = 61;
        using var bitmap = new SKBitmap(new SKImageInfo(width, 12, SKColorType.Rgba8888, SKAlphaType.Opaque));
        bitmap.Erase(SKColors.White);
        for (var y = 0; y < 12; y++)
        {
            // Runs 1, 2, 3… pixels long, alternating colours, starting one pixel later on each pair of rows; each
            // pair is the same row twice.
            var (x, length, colour) = (y / 2, 1, 1);
            while (x < width)
            {
                for (var i = 0; i < length && x < width; i++, x++)
                {
                    bitmap.SetPixel(x, y, palette[colour]);
                }

                (length, colour) = (length + 1, (colour % (palette.Length - 1)) + 1);
                x += length % 3; // and white gaps of 0 to 2
            }
        }

        using var pixels = bitmap.PeekPixels();
        using var decoded = SKBitmap.Decode(IndexedPng.Encode(pixels, inks));

        for (var y = 0; y < 12; y++)
        {
            for (var x = 0; x < width; x++)
            {
                Assert.Equal(bitmap.GetPixel(x, y), decoded.GetPixel(x, y));
            }
        }
    }
}
