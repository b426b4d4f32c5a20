using System.Buffers.Binary;
using System.IO.Compression;
using SkiaSharp;

namespace SkinProgress.Email.Charts;

/// <summary>
/// Writes a drawing made of a few inks on white as a four-bit palette PNG: white and each ink's blends with white, so
/// anti-aliased edges keep a few steps of softness while the image holds at most 16 colours, half a byte a pixel, in
/// long runs that deflate compresses several times better than anti-aliased RGB.
/// </summary>
public static class IndexedPng
{
    /// <summary>Palette entries four bits can index.</summary>
    public const int SmallPalette = 16;

    // PNG filter types (ISO 15948, 9.2): none, and each byte minus the one above it.
    private const byte NoFilter = 0;
    private const byte UpFilter = 2;

    /// <summary>
    /// On the weekly chart's 2× scanlines (measured, bench/README.md): level 2 deflates in ~0.4 ms to 16.9 KB, level 6
    /// in ~1.4 ms to 13.9 KB, level 1 in ~0.25 ms to ~25 KB. Level 2 is most of the saving for a little size, which the
    /// email's lighter inline styles make room for.
    /// </summary>
    private const int DeflateLevel = 2;

    private static ReadOnlySpan<byte> Signature => [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A];

    private static readonly uint[] CrcTable = BuildCrcTable();

    /// <summary>The palette: white, then each ink's blends with white, lightest first, the ink itself last; at most 16.</summary>
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

        return palette.Count <= SmallPalette ? [.. palette] : throw new ArgumentException($"{palette.Count} colours do not fit four bits.", nameof(inks));
    }

    /// <param name="scanlines">
    /// Per row a byte for the filter type, then the row's palette indices, two a byte, high half first. Filtered in
    /// place: a row the same as the one above it (inside a bar, between grid lines) becomes zeros, which deflate
    /// passes over fastest; the others are left unfiltered (differences of palette indices compress no better).
    /// </param>
    /// <param name="width">Pixels a row.</param>
    /// <param name="height">Rows.</param>
    /// <param name="palette">The colours the indices stand for, at most 16.</param>
    public static byte[] Encode(Span<byte> scanlines, int width, int height, ReadOnlySpan<SKColor> palette)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(width, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(height, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(palette.Length, SmallPalette);
        var rowBytes = 1 + ((width + 1) / 2);
        if (scanlines.Length != rowBytes * height)
        {
            throw new ArgumentException($"Expected {height} rows of {rowBytes} bytes, got {scanlines.Length} bytes.", nameof(scanlines));
        }

        // Bottom up, so each row is compared with the row above as drawn, before that one is filtered.
        for (var y = height - 1; y >= 0; y--)
        {
            var row = scanlines.Slice(y * rowBytes, rowBytes);
            row[0] = NoFilter;
            if (y > 0 && row[1..].SequenceEqual(scanlines.Slice(((y - 1) * rowBytes) + 1, rowBytes - 1)))
            {
                row[0] = UpFilter;
                row[1..].Clear();
            }
        }

        using var png = new MemoryStream(scanlines.Length / 16);
        png.Write(Signature);

        Span<byte> header = stackalloc byte[13];
        BinaryPrimitives.WriteInt32BigEndian(header, width);
        BinaryPrimitives.WriteInt32BigEndian(header[4..], height);
        header[8] = 4; // bits a pixel
        header[9] = 3; // colour type: palette
        WriteChunk(png, "IHDR"u8, header);

        Span<byte> entries = stackalloc byte[palette.Length * 3];
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
}
