using System.Buffers.Binary;
using SkinProgress.Formats.Fit;

namespace SkinProgress.Fuzz.Fit;

/// <summary>
/// Rewrites the header and file CRCs of every FIT file in a chain to match the bytes, wherever the (possibly
/// mutated) headers say they are; a chain too short to hold a CRC keeps the bytes it has.
/// </summary>
internal static class FitCrcRepair
{
    /// <summary>The repaired copy, or null when every CRC that fits in the input is already right.</summary>
    public static byte[]? Repair(byte[] input)
    {
        ArgumentNullException.ThrowIfNull(input);
        var bytes = (byte[])input.Clone();
        long offset = 0;
        while (offset + 12 <= bytes.Length && bytes[offset] is 12 or 14)
        {
            var start = (int)offset;
            var headerSize = bytes[start];
            if (start + headerSize > bytes.Length)
            {
                break;
            }

            // A zero header CRC is the writer saying it computed none, which the decoder accepts as it is.
            if (headerSize == 14 && BinaryPrimitives.ReadUInt16LittleEndian(bytes.AsSpan(start + 12)) != 0)
            {
                BinaryPrimitives.WriteUInt16LittleEndian(bytes.AsSpan(start + 12), FitCrc.Update(0, bytes.AsSpan(start, 12)));
            }

            var crcAt = offset + headerSize + BinaryPrimitives.ReadUInt32LittleEndian(bytes.AsSpan(start + 4));
            if (crcAt + 2 > bytes.Length)
            {
                break;
            }

            BinaryPrimitives.WriteUInt16LittleEndian(bytes.AsSpan((int)crcAt), FitCrc.Update(0, bytes.AsSpan(start, (int)(crcAt - start))));
            offset = crcAt + 2;
        }

        return bytes.AsSpan().SequenceEqual(input) ? null : bytes;
    }
}
