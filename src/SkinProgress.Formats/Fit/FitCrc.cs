namespace SkinProgress.Formats.Fit;

/// <summary>The FIT CRC-16, computed a nibble at a time with the protocol's 16-entry table.</summary>
internal static class FitCrc
{
    private static readonly ushort[] Table =
    [
        0x0000, 0xCC01, 0xD801, 0x1400, 0xF001, 0x3C00, 0x2800, 0xE401,
        0xA001, 0x6C00, 0x7800, 0xB401, 0x5000, 0x9C01, 0x8801, 0x4400,
    ];

    public static ushort Update(ushort crc, ReadOnlySpan<byte> bytes)
    {
        foreach (var b in bytes)
        {
            var tmp = Table[crc & 0xF];
            crc = (ushort)(((crc >> 4) & 0x0FFF) ^ tmp ^ Table[b & 0xF]);
            tmp = Table[crc & 0xF];
            crc = (ushort)(((crc >> 4) & 0x0FFF) ^ tmp ^ Table[(b >> 4) & 0xF]);
        }

        return crc;
    }
}
