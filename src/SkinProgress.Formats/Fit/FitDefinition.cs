namespace SkinProgress.Formats.Fit;

/// <summary>The layout a definition message gives to a local message type.</summary>
internal sealed class FitDefinition
{
    public FitDefinition(ushort globalNumber, bool bigEndian, byte[] fieldNumbers, byte[] sizes, byte[] baseTypes, int developerFieldCount, int developerBytes)
    {
        GlobalNumber = globalNumber;
        BigEndian = bigEndian;
        FieldNumbers = fieldNumbers;
        Sizes = sizes;
        BaseTypes = baseTypes;
        DeveloperFieldCount = developerFieldCount;
        var size = developerBytes;
        foreach (var s in sizes)
        {
            size += s;
        }

        // At most 255 fields of 255 bytes plus as many developer fields: the message size is bounded by the
        // format itself, so allocating it can never be driven to an arbitrary size by a length in the file.
        MessageSize = size;
    }

    public ushort GlobalNumber { get; }

    public bool BigEndian { get; }

    public byte[] FieldNumbers { get; }

    public byte[] Sizes { get; }

    public byte[] BaseTypes { get; }

    public int DeveloperFieldCount { get; }

    public int MessageSize { get; }
}
