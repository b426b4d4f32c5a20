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

    [Fact]
    public void Palette_OfMoreColoursThanFourBitsIndex_IsRefused()
    {
        Assert.Throws<ArgumentException>(() => IndexedPng.Palette([new(Teal, 10), new(Blue, 6)]));
    }

    [Fact]
    public void Encode_RunsOfEveryLength_AtEveryOffset_AndRepeatedRows_DecodeToTheirPaletteColours()
    {
        var palette = IndexedPng.Palette([new(Teal, 3), new(Blue, 1)]);
        const int width = 61, height = 12;
        var indices = new int[height, width];
        for (var y = 0; y < height; y++)
        {
            // Runs 1, 2, 3… pixels long, alternating colours, starting one pixel later on each pair of rows; each
            // pair is the same row twice.
            var (x, length, colour) = (y / 2, 1, 1);
            while (x < width)
            {
                for (var i = 0; i < length && x < width; i++, x++)
                {
                    indices[y, x] = colour;
                }

                (length, colour) = (length + 1, (colour % (palette.Length - 1)) + 1);
                x += length % 3; // and white gaps of 0 to 2
            }
        }

        using var decoded = SKBitmap.Decode(IndexedPng.Encode(Scanlines(indices), width, height, palette));

        Assert.Equal((width, height), (decoded.Width, decoded.Height));
        for (var y = 0; y < height; y++)
        {
            for (var x = 0; x < width; x++)
            {
                Assert.Equal(palette[indices[y, x]], decoded.GetPixel(x, y));
            }
        }
    }

    [Fact]
    public void Encode_FiltersARowEqualToTheOneAbove_ToZeros_AndLeavesOthersUnfiltered()
    {
        var palette = IndexedPng.Palette([new(Blue, 1)]);
        var indices = new int[4, 5];
        for (var x = 1; x < 4; x++)
        {
            (indices[0, x], indices[1, x], indices[3, x]) = (1, 1, 1); // rows 0, 1 alike; row 2 white; row 3 unlike row 2
        }

        var scanlines = Scanlines(indices);

        IndexedPng.Encode(scanlines, 5, 4, palette);

        const int rowBytes = 4;
        Assert.Equal([0, 0x01, 0x11, 0x00], scanlines[..rowBytes]);
        Assert.Equal([2, 0, 0, 0], scanlines[rowBytes..(2 * rowBytes)]);
        Assert.Equal([0, 0, 0, 0], scanlines[(2 * rowBytes)..(3 * rowBytes)]);
        Assert.Equal([0, 0x01, 0x11, 0x00], scanlines[(3 * rowBytes)..]);
    }

    [Fact]
    public void Encode_RefusesScanlinesOfAnotherSize()
    {
        var palette = IndexedPng.Palette([new(Blue, 1)]);

        Assert.Throws<ArgumentException>(() => IndexedPng.Encode(new byte[10], 5, 4, palette));
    }

    /// <summary>Rows as a PNG holds them: a filter byte, then two indices a byte, high half first.</summary>
    private static byte[] Scanlines(int[,] indices)
    {
        var (height, width) = (indices.GetLength(0), indices.GetLength(1));
        var rowBytes = 1 + ((width + 1) / 2);
        var scanlines = new byte[height * rowBytes];
        for (var y = 0; y < height; y++)
        {
            for (var x = 0; x < width; x++)
            {
                scanlines[(y * rowBytes) + 1 + (x / 2)] |= (byte)(x % 2 == 0 ? indices[y, x] << 4 : indices[y, x]);
            }
        }

        return scanlines;
    }
}
