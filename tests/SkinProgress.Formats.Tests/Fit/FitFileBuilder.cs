using System.Buffers.Binary;
using SkinProgress.Formats.Fit;

namespace SkinProgress.Formats.Tests.Fit;

/// <summary>Wraps hand-written message bytes in a valid 14-byte header and file CRC.</summary>
internal static class FitFileBuilder
{
    public static byte[] Build(params byte[][] messages)
    {
        var data = messages.SelectMany(m => m).ToArray();
        var file = new byte[14 + data.Length + 2];
        file[0] = 14;
        file[1] = 0x20;
        BinaryPrimitives.WriteUInt16LittleEndian(file.AsSpan(2), 2132);
        BinaryPrimitives.WriteUInt32LittleEndian(file.AsSpan(4), (uint)data.Length);
        ".FIT"u8.CopyTo(file.AsSpan(8));
        BinaryPrimitives.WriteUInt16LittleEndian(file.AsSpan(12), FitCrc.Update(0, file.AsSpan(0, 12)));
        data.CopyTo(file, 14);
        BinaryPrimitives.WriteUInt16LittleEndian(file.AsSpan(14 + data.Length), FitCrc.Update(0, file.AsSpan(0, 14 + data.Length)));
        return file;
    }
}
