namespace SkinProgress.Formats.Fit;

/// <summary>
/// One decoded data message. Values are the raw numbers stored in the file (before the profile's scale and
/// offset), keyed by field definition number; invalid-value sentinels are already removed, so an absent field
/// and a field holding "invalid" look the same. Array fields expose their first element.
/// </summary>
public sealed class FitMessage
{
    /// <summary>Field 253, the timestamp in every message type that has one.</summary>
    public const byte TimestampField = 253;

    private readonly byte[] _fieldNumbers;
    private readonly double[] _values;

    internal FitMessage(int fileIndex, ushort globalNumber, long byteOffset, byte[] fieldNumbers, double[] values, int developerFieldCount)
    {
        FileIndex = fileIndex;
        GlobalNumber = globalNumber;
        ByteOffset = byteOffset;
        _fieldNumbers = fieldNumbers;
        _values = values;
        DeveloperFieldCount = developerFieldCount;
    }

    /// <summary>Which FIT file of a chained stream (0 for the first) the message belongs to.</summary>
    public int FileIndex { get; }

    /// <summary>The profile's global message number, e.g. 18 for session, 20 for record.</summary>
    public ushort GlobalNumber { get; }

    /// <summary>Offset of the message's record header in the stream.</summary>
    public long ByteOffset { get; }

    /// <summary>How many developer fields the message carried (read past, not interpreted).</summary>
    public int DeveloperFieldCount { get; }

    public IReadOnlyList<byte> FieldNumbers => _fieldNumbers;

    /// <summary>
    /// FIT timestamp (seconds since 1989-12-31T00:00:00Z, or device-relative below 0x10000000), also for
    /// messages that carried it in a compressed-timestamp header.
    /// </summary>
    public uint? Timestamp => GetValue(TimestampField) is { } t ? (uint)t : null;

    public double? GetValue(byte fieldNumber)
    {
        for (var i = 0; i < _fieldNumbers.Length; i++)
        {
            if (_fieldNumbers[i] == fieldNumber)
            {
                return _values[i];
            }
        }

        return null;
    }
}
