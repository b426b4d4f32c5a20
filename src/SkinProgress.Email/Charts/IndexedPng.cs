using System.Buffers.Binary;
using System.IO.Compression;
using SkiaSharp;

namespace SkinProgress.Email.Charts;

/// <summary>
/// Writes a drawing made of a few inks on white as a palette PNG. Each pixel becomes the nearest of white and each
/// ink's blends with white, so anti-aliased edges keep a few steps of softness while the image holds at most 16
/// colours: half a byte a pixel, in long runs that deflate compresses several times better than anti-aliased RGB.
/// </summary>
public static class IndexedPng
{
    /// <summary>Palette entries four bits can index; a palette of more is written with a byte a pixel.</summary>
    public const int SmallPalette = 16;

    private const uint OpaqueWhite = 0xFFFFFFFF;

    // Runs this long or longer are measured with a vectorised search; shorter ones pixel by pixel.
    private const int ShortRun = 8;

    /// <summary>
    /// zlib's default level: on the weekly chart's scanlines ~1 ms more than level 2 for ~18 % fewer bytes
    /// (15.3 instead of 18.7 KB at 2×, measured), which keeps the email's mean under 40 KB; 7 and up cost more and
    /// save nothing.
    /// </summary>
    private const int DeflateLevel = 6;

    private static ReadOnlySpan<byte> Signature => [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A];

    private static readonly uint[] CrcTable = BuildCrcTable();

    /// <summary>The palette: white, then each ink's blends with white, lightest first, the ink itself last.</summary>
    public static SKColor[] Palette(ReadOnlySpan<Ink> inks)
    {
        var palette = new List<SKColor> { SKColors.White };
        foreach (var ink in inks)
        {
            ArgumentOutOfRangeException.ThrowIfLessThan(ink.Levels, 1);
            for (var level = 1; level <= ink.Levels; level++)
            {
                var share = (float)level / ink.Levels;
                palette.Add(new SKColor(Blend(ink.Color.Red, share), Blend(ink.Color.Green, share), Blend(ink.Color.Blue, share)));
            }
        }

        return palette.Count <= 256 ? [.. palette] : throw new ArgumentException($"{palette.Count} colours do not fit a PNG palette.", nameof(inks));
    }

    /// <param name="pixels">An opaque RGBA8888 drawing on white.</param>
    /// <param name="inks">The colours drawn, with the steps of each the palette keeps.</param>
    public static byte[] Encode(SKPixmap pixels, ReadOnlySpan<Ink> inks)
    {
        ArgumentNullException.ThrowIfNull(pixels);
        if (pixels.ColorType != SKColorType.Rgba8888)
        {
            throw new ArgumentException($"Expected RGBA8888 pixels, got {pixels.ColorType}.", nameof(pixels));
        }

        var palette = Palette(inks);
        var bitDepth = palette.Length <= SmallPalette ? 4 : 8;
        var (width, height) = (pixels.Width, pixels.Height);
        var scanlines = Index(pixels.GetPixelSpan<uint>(), pixels.RowBytes / sizeof(uint), width, height, bitDepth, palette);

        using var png = new MemoryStream(scanlines.Length / 16);
        png.Write(Signature);

        Span<byte> header = stackalloc byte[13];
        BinaryPrimitives.WriteInt32BigEndian(header, width);
        BinaryPrimitives.WriteInt32BigEndian(header[4..], height);
        header[8] = (byte)bitDepth;
        header[9] = 3; // colour type: palette
        WriteChunk(png, "IHDR"u8, header);

        var entries = new byte[palette.Length * 3];
        for (var i = 0; i < palette.Length; i++)
        {
            (entries[i * 3], entries[(i * 3) + 1], entries[(i * 3) + 2]) = (palette[i].Red, palette[i].Green, palette[i].Blue);
        }

        WriteChunk(png, "PLTE"u8, entries);

        using (var deflated = new MemoryStream(scanlines.Length / 16))
        {
            using (var zlib = new ZLibStream(deflated, new ZLibCompressionOptions { CompressionLevel = DeflateLevel }, leaveOpen: true))
            {
                zlib.Write(scanlines);
            }

            WriteChunk(png, "IDAT"u8, deflated.GetBuffer().AsSpan(0, (int)deflated.Length));
        }

        WriteChunk(png, "IEND"u8, []);
        return png.ToArray();
    }

    /// <summary>
    /// The PNG's scanlines: per row a filter byte (0, none: filters do not help palette indices) and the indices,
    /// two a byte (high half first) or one. A drawing is mostly runs of one colour (white, grid lines, bars), so each
    /// row is walked run by run: white runs are left as they are (the array starts zeroed, and white is index 0),
    /// any other run is looked up once and filled. A row the same as the one above (inside a bar, between grid lines)
    /// is copied from it.
    /// </summary>
    private static byte[] Index(ReadOnlySpan<uint> pixels, int stride, int width, int height, int bitDepth, SKColor[] palette)
    {
        var rowBytes = 1 + (bitDepth == 4 ? (width + 1) / 2 : width);
        var scanlines = new byte[height * rowBytes];
        var nearest = new NearestColour(palette);
        var (previous, index) = (OpaqueWhite, (byte)0);
        for (var y = 0; y < height; y++)
        {
            var row = pixels.Slice(y * stride, width);
            var output = scanlines.AsSpan((y * rowBytes) + 1, rowBytes - 1);
            if (y > 0 && row.SequenceEqual(pixels.Slice((y - 1) * stride, width)))
            {
                scanlines.AsSpan(((y - 1) * rowBytes) + 1, rowBytes - 1).CopyTo(output);
                continue;
            }

            for (var x = 0; x < width;)
            {
                var pixel = row[x];
                if (pixel == OpaqueWhite)
                {
                    x = row[x..].IndexOfAnyExcept(OpaqueWhite) is var white and >= 0 ? x + white : width;
                    continue;
                }

                // Anti-aliased edges make runs of a pixel or two: counted one by one, and searched only when longer.
                var run = 1;
                while (run < ShortRun && x + run < width && row[x + run] == pixel)
                {
                    run++;
                }

                if (run == ShortRun)
                {
                    run = row[x..].IndexOfAnyExcept(pixel) is var end and >= 0 ? end : width - x;
                }

                if (pixel != previous)
                {
                    (previous, index) = (pixel, nearest.IndexOf(pixel));
                }

                Fill(output, x, run, index, bitDepth);
                x += run;
            }
        }

        return scanlines;
    }

    /// <summary>Sets <paramref name="count"/> indices from pixel <paramref name="x"/> of a zeroed row.</summary>
    private static void Fill(Span<byte> row, int x, int count, byte index, int bitDepth)
    {
        if (bitDepth == 8)
        {
            row.Slice(x, count).Fill(index);
            return;
        }

        var end = x + count;
        if ((x & 1) == 1)
        {
            row[x >> 1] |= index; // the low half of a byte whose high half is the pixel before
            x++;
        }

        var pairs = (end - x) >> 1;
        row.Slice(x >> 1, pairs).Fill((byte)((index << 4) | index));
        x += pairs * 2;
        if (x < end)
        {
            row[x >> 1] |= (byte)(index << 4);
        }
    }

    private static void WriteChunk(Stream png, ReadOnlySpan<byte> type, ReadOnlySpan<byte> data)
    {
        Span<byte> word = stackalloc byte[4];
        BinaryPrimitives.WriteInt32BigEndian(word, data.Length);
        png.Write(word);
        png.Write(type);
        png.Write(data);
        BinaryPrimitives.WriteUInt32BigEndian(word, ~Crc(Crc(0xFFFFFFFF, type), data));
        png.Write(word);
    }

    /// <summary>The CRC-32 of PNG chunks (ISO 3309, the same as zlib's), continued from <paramref name="crc"/>.</summary>
    private static uint Crc(uint crc, ReadOnlySpan<byte> bytes)
    {
        foreach (var b in bytes)
        {
            crc = CrcTable[(crc ^ b) & 0xFF] ^ (crc >> 8);
        }

        return crc;
    }

    private static uint[] BuildCrcTable()
    {
        var table = new uint[256];
        for (uint n = 0; n < 256; n++)
        {
            var c = n;
            for (var k = 0; k < 8; k++)
            {
                c = (c & 1) != 0 ? 0xEDB88320 ^ (c >> 1) : c >> 1;
            }

            table[n] = c;
        }

        return table;
    }

    private static byte Blend(byte ink, float share) => (byte)Math.Round(255 + ((ink - 255) * share));

    /// <summary>
    /// Nearest palette entry of a pixel, remembered per colour: a chart has a few hundred distinct colours (edges
    /// blend the inks), far fewer than its pixels. Open addressing in a table sized well above that.
    /// </summary>
    private sealed class NearestColour(SKColor[] palette)
    {
        private const int Slots = 4096;

        private readonly uint[] keys = new uint[Slots];
        private readonly byte[] values = new byte[Slots];

        public byte IndexOf(uint rgba)
        {
            var slot = (int)((rgba * 2654435761u) >> 20);
            for (var probe = 0; probe < Slots; probe++, slot = (slot + 1) & (Slots - 1))
            {
                if (keys[slot] == rgba)
                {
                    return values[slot];
                }

                if (keys[slot] == 0)
                {
                    keys[slot] = rgba; // opaque pixels are never 0, so 0 marks an empty slot
                    return values[slot] = Nearest(rgba);
                }
            }

            return Nearest(rgba);
        }

        private byte Nearest(uint rgba)
        {
            int r = (int)(rgba & 0xFF), g = (int)((rgba >> 8) & 0xFF), b = (int)((rgba >> 16) & 0xFF);
            var best = 0;
            var bestDistance = int.MaxValue;
            for (var i = 0; i < palette.Length; i++)
            {
                int dr = palette[i].Red - r, dg = palette[i].Green - g, db = palette[i].Blue - b;
                var distance = (dr * dr) + (dg * dg) + (db * db);
                if (distance < bestDistance)
                {
                    (best, bestDistance) = (i, distance);
                }
            }

            return (byte)best;
        }
    }
}
