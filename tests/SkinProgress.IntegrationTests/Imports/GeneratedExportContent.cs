using System.Globalization;
using System.Net;
using System.Text.Unicode;

namespace SkinProgress.IntegrationTests.Imports;

/// <summary>
/// An Apple Health export.xml of about <paramref name="targetBytes"/>, written record by record into the request
/// as it is sent: never held in memory or on disk, so the test measures the server, not its own buffers. Like a
/// real export it is mostly heart-rate samples (which the import passes over); every 200th record is water or
/// protein, one per 10 s from 2024-01-01, so every event has its own id.
/// </summary>
public sealed class GeneratedExportContent(long targetBytes) : HttpContent
{
    public const int EventEvery = 200;
    private static readonly DateTime Start = new(2024, 1, 1, 0, 0, 0, DateTimeKind.Utc);

    public long BytesWritten { get; private set; }

    public int EventsWritten { get; private set; }

    protected override async Task SerializeToStreamAsync(Stream stream, TransportContext? context)
    {
        var buffer = new byte[256 * 1024];
        var length = Copy("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<HealthData locale=\"en_US\">\n <ExportDate value=\"2026-01-01 00:00:00 +0000\"/>\n"u8, buffer, 0);
        for (var i = 0L; BytesWritten + length < targetBytes; i++)
        {
            if (buffer.Length - length < 1024)
            {
                await stream.WriteAsync(buffer.AsMemory(0, length));
                BytesWritten += length;
                length = 0;
            }

            length += Record(i, buffer.AsSpan(length));
        }

        length += Copy("</HealthData>\n"u8, buffer, length);
        await stream.WriteAsync(buffer.AsMemory(0, length));
        BytesWritten += length;
    }

    protected override bool TryComputeLength(out long length)
    {
        length = 0;
        return false;
    }

    private int Record(long i, Span<byte> into)
    {
        var at = Start.AddSeconds(i * 10);
        var written = 0;
        var ok = (i % EventEvery) switch
        {
            0 when i / EventEvery % 2 == 0 => Utf8.TryWrite(into, CultureInfo.InvariantCulture,
                $" <Record type=\"HKQuantityTypeIdentifierDietaryWater\" sourceName=\"WaterMinder\" sourceVersion=\"5.1\" unit=\"mL\" creationDate=\"{at:yyyy-MM-dd HH:mm:ss} +0000\" startDate=\"{at:yyyy-MM-dd HH:mm:ss} +0000\" endDate=\"{at:yyyy-MM-dd HH:mm:ss} +0000\" value=\"250\"/>\n", out written),
            0 => Utf8.TryWrite(into, CultureInfo.InvariantCulture,
                $" <Record type=\"HKQuantityTypeIdentifierDietaryProtein\" sourceName=\"MyFitnessPal\" sourceVersion=\"23.1\" unit=\"g\" creationDate=\"{at:yyyy-MM-dd HH:mm:ss} +0000\" startDate=\"{at:yyyy-MM-dd HH:mm:ss} +0000\" endDate=\"{at:yyyy-MM-dd HH:mm:ss} +0000\" value=\"12.5\"/>\n", out written),
            _ => Utf8.TryWrite(into, CultureInfo.InvariantCulture,
                $" <Record type=\"HKQuantityTypeIdentifierHeartRate\" sourceName=\"Apple Watch\" sourceVersion=\"10.1\" device=\"&lt;&lt;HKDevice: 0x283b1c0a0&gt;, name:Apple Watch, manufacturer:Apple Inc., model:Watch, hardware:Watch6,2, software:10.1&gt;\" unit=\"count/min\" creationDate=\"{at:yyyy-MM-dd HH:mm:ss} +0000\" startDate=\"{at:yyyy-MM-dd HH:mm:ss} +0000\" endDate=\"{at:yyyy-MM-dd HH:mm:ss} +0000\" value=\"{60 + (i % 90)}\">\n  <MetadataEntry key=\"HKMetadataKeyHeartRateMotionContext\" value=\"0\"/>\n </Record>\n", out written),
        };
        Assert.True(ok, "a record fits in the space left in the buffer");
        if (i % EventEvery == 0)
        {
            EventsWritten++;
        }

        return written;
    }

    private static int Copy(ReadOnlySpan<byte> text, byte[] buffer, int at)
    {
        text.CopyTo(buffer.AsSpan(at));
        return text.Length;
    }
}
