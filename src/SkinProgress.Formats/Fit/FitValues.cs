using System.Buffers.Binary;

namespace SkinProgress.Formats.Fit;

/// <summary>Reads one field's first value by its FIT base type, treating the type's invalid sentinel as absent.</summary>
internal static class FitValues
{
    public static bool TryRead(ReadOnlySpan<byte> raw, byte baseType, bool bigEndian, out double value)
    {
        value = 0;
        var type = baseType & 0x1F;

        // Unknown base types are read as plain bytes, as the protocol asks.
        if (type > 0x10)
        {
            type = 0x0D;
        }

        var width = Width(type);

        // Strings, and sizes that are not a whole number of elements, carry nothing numeric we can trust.
        if (width == 0 || raw.Length == 0 || raw.Length % width != 0)
        {
            return false;
        }

        var element = raw[..width];
        switch (type)
        {
            case 0x00 or 0x02 or 0x0D:
                value = element[0];
                return element[0] != 0xFF;
            case 0x0A:
                value = element[0];
                return element[0] != 0;
            case 0x01:
                value = (sbyte)element[0];
                return element[0] != 0x7F;
            case 0x03:
                var s16 = bigEndian ? BinaryPrimitives.ReadInt16BigEndian(element) : BinaryPrimitives.ReadInt16LittleEndian(element);
                value = s16;
                return s16 != short.MaxValue;
            case 0x04 or 0x0B:
                var u16 = bigEndian ? BinaryPrimitives.ReadUInt16BigEndian(element) : BinaryPrimitives.ReadUInt16LittleEndian(element);
                value = u16;
                return type == 0x04 ? u16 != ushort.MaxValue : u16 != 0;
            case 0x05:
                var s32 = bigEndian ? BinaryPrimitives.ReadInt32BigEndian(element) : BinaryPrimitives.ReadInt32LittleEndian(element);
                value = s32;
                return s32 != int.MaxValue;
            case 0x06 or 0x0C:
                var u32 = bigEndian ? BinaryPrimitives.ReadUInt32BigEndian(element) : BinaryPrimitives.ReadUInt32LittleEndian(element);
                value = u32;
                return type == 0x06 ? u32 != uint.MaxValue : u32 != 0;
            case 0x08:
                var f32Bits = bigEndian ? BinaryPrimitives.ReadUInt32BigEndian(element) : BinaryPrimitives.ReadUInt32LittleEndian(element);
                value = BitConverter.UInt32BitsToSingle(f32Bits);
                return f32Bits != uint.MaxValue && double.IsFinite(value);
            case 0x09:
                var f64Bits = bigEndian ? BinaryPrimitives.ReadUInt64BigEndian(element) : BinaryPrimitives.ReadUInt64LittleEndian(element);
                value = BitConverter.UInt64BitsToDouble(f64Bits);
                return f64Bits != ulong.MaxValue && double.IsFinite(value);
            case 0x0E:
                var s64 = bigEndian ? BinaryPrimitives.ReadInt64BigEndian(element) : BinaryPrimitives.ReadInt64LittleEndian(element);
                value = s64;
                return s64 != long.MaxValue;
            default:
                var u64 = bigEndian ? BinaryPrimitives.ReadUInt64BigEndian(element) : BinaryPrimitives.ReadUInt64LittleEndian(element);
                value = u64;
                return type == 0x0F ? u64 != ulong.MaxValue : u64 != 0;
        }
    }

    /// <summary>Element width of a base type; 0 for strings.</summary>
    private static int Width(int type) => type switch
    {
        0x07 => 0,
        0x03 or 0x04 or 0x0B => 2,
        0x05 or 0x06 or 0x08 or 0x0C => 4,
        0x09 or 0x0E or 0x0F or 0x10 => 8,
        _ => 1,
    };
}
