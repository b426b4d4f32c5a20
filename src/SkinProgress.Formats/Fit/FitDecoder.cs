using System.Buffers.Binary;

namespace SkinProgress.Formats.Fit;

/// <summary>
/// Decodes the FIT binary protocol into messages, lazily and strictly sequentially: the stream may be
/// non-seekable and is never buffered beyond one message. Chained FIT files (several back to back) are read
/// in turn. Both CRCs are checked; a file's CRC is verified before the first message of the next file (or
/// the end of the sequence) is produced, so a consumer that acts on a file only once it sees the next
/// <see cref="FitMessage.FileIndex"/> or the end never acts on a corrupt file.
/// </summary>
public static class FitDecoder
{
    private const ushort RecordMessage = 20;
    private const byte CompressedSpeedDistanceField = 8;
    private const byte SpeedField = 6;
    private const byte DistanceField = 5;

    /// <exception cref="BrokenFileException">When the bytes are not a valid FIT file; thrown during enumeration.</exception>
    public static IEnumerable<FitMessage> Decode(Stream stream)
    {
        ArgumentNullException.ThrowIfNull(stream);
        return DecodeChain(stream);
    }

    private static IEnumerable<FitMessage> DecodeChain(Stream stream)
    {
        var input = new FitInput(stream);
        if (input.AtEnd())
        {
            throw new BrokenFileException("truncated", "The FIT file is empty.", 0);
        }

        for (var fileIndex = 0; !input.AtEnd(); fileIndex++)
        {
            foreach (var message in DecodeFile(input, fileIndex))
            {
                yield return message;
            }
        }
    }

    private static IEnumerable<FitMessage> DecodeFile(FitInput input, int fileIndex)
    {
        var fileStart = input.Position;
        var dataSize = ReadHeader(input);
        var dataEnd = input.Position + dataSize;
        var definitions = new FitDefinition?[16];
        var state = new DecodeState();

        while (input.Position < dataEnd)
        {
            var messageStart = input.Position;
            var header = ReadByte(input);

            if ((header & 0x80) != 0)
            {
                // Compressed-timestamp header: a 5-bit offset from the last full timestamp, local types 0–3 only.
                var definition = definitions[(header >> 5) & 0x3] ?? throw Undefined(messageStart, (header >> 5) & 0x3);
                var offset = (uint)(header & 0x1F);
                var last = state.LastTimestamp;
                var timestamp = (last & 0xFFFFFFE0u) + offset + (offset >= (last & 0x1Fu) ? 0u : 0x20u);
                yield return ReadData(input, definition, dataEnd, messageStart, fileIndex, state, timestamp);
            }
            else if ((header & 0x40) != 0)
            {
                definitions[header & 0xF] = ReadDefinition(input, (header & 0x20) != 0, dataEnd, messageStart);
            }
            else
            {
                var definition = definitions[header & 0xF] ?? throw Undefined(messageStart, header & 0xF);
                yield return ReadData(input, definition, dataEnd, messageStart, fileIndex, state, null);
            }
        }

        if (input.Position != dataEnd)
        {
            throw new BrokenFileException(
                "desynchronised", $"A FIT message runs past the end of the data the header announced (offset {dataEnd}).", dataEnd);
        }

        VerifyFileCrc(input, fileStart);
    }

    private static byte ReadByte(FitInput input)
    {
        Span<byte> one = stackalloc byte[1];
        input.Read(one);
        return one[0];
    }

    private static void VerifyFileCrc(FitInput input, long fileStart)
    {
        var computed = input.Crc;
        var crcOffset = input.Position;
        Span<byte> stored = stackalloc byte[2];
        input.ReadRaw(stored);
        if (BinaryPrimitives.ReadUInt16LittleEndian(stored) != computed)
        {
            throw new BrokenFileException(
                "bad_file_crc", $"The FIT file starting at offset {fileStart} fails its CRC check: its content is damaged.", crcOffset);
        }
    }

    private static uint ReadHeader(FitInput input)
    {
        var start = input.Position;
        input.Crc = 0;
        Span<byte> header = stackalloc byte[14];
        input.Read(header[..1]);
        var size = header[0];
        if (size is not 12 and not 14)
        {
            throw new BrokenFileException("bad_header", $"Not a FIT header at offset {start}: header size {size} is neither 12 nor 14.", start);
        }

        input.Read(header[1..12]);
        if (!header.Slice(8, 4).SequenceEqual(".FIT"u8))
        {
            throw new BrokenFileException("bad_header", $"Not a FIT header at offset {start}: the \".FIT\" signature is missing.", start);
        }

        if (size == 14)
        {
            var computed = input.Crc;
            input.Read(header[12..14]);
            var stored = BinaryPrimitives.ReadUInt16LittleEndian(header[12..]);

            // A zero header CRC means the writer chose not to compute one, which the protocol allows.
            if (stored != 0 && stored != computed)
            {
                throw new BrokenFileException("bad_header_crc", $"The FIT header at offset {start} fails its CRC check.", start);
            }
        }

        return BinaryPrimitives.ReadUInt32LittleEndian(header[4..8]);
    }

    private static FitDefinition ReadDefinition(FitInput input, bool hasDeveloperFields, long dataEnd, long messageStart)
    {
        Span<byte> fixedPart = stackalloc byte[5];
        ReadWithin(input, fixedPart, dataEnd);
        var architecture = fixedPart[1];
        if (architecture > 1)
        {
            throw new BrokenFileException(
                "desynchronised", $"A FIT definition at offset {messageStart} names an unknown architecture {architecture}.", messageStart);
        }

        var bigEndian = architecture == 1;
        var global = bigEndian ? BinaryPrimitives.ReadUInt16BigEndian(fixedPart[2..]) : BinaryPrimitives.ReadUInt16LittleEndian(fixedPart[2..]);
        var count = fixedPart[4];
        Span<byte> fields = stackalloc byte[255 * 3];
        fields = fields[..(count * 3)];
        ReadWithin(input, fields, dataEnd);

        var numbers = new byte[count];
        var sizes = new byte[count];
        var baseTypes = new byte[count];
        for (var i = 0; i < count; i++)
        {
            numbers[i] = fields[i * 3];
            sizes[i] = fields[(i * 3) + 1];
            baseTypes[i] = fields[(i * 3) + 2];
        }

        var developerCount = 0;
        var developerBytes = 0;
        if (hasDeveloperFields)
        {
            Span<byte> one = stackalloc byte[1];
            ReadWithin(input, one, dataEnd);
            developerCount = one[0];
            Span<byte> developer = stackalloc byte[255 * 3];
            developer = developer[..(developerCount * 3)];
            ReadWithin(input, developer, dataEnd);
            for (var i = 0; i < developerCount; i++)
            {
                developerBytes += developer[(i * 3) + 1];
            }
        }

        return new FitDefinition(global, bigEndian, numbers, sizes, baseTypes, developerCount, developerBytes);
    }

    private static FitMessage ReadData(
        FitInput input, FitDefinition definition, long dataEnd, long messageStart, int fileIndex, DecodeState state, uint? compressedTimestamp)
    {
        if (state.Buffer.Length < definition.MessageSize)
        {
            state.Buffer = new byte[definition.MessageSize];
        }

        var data = state.Buffer.AsSpan(0, definition.MessageSize);
        ReadWithin(input, data, dataEnd);

        var extra = compressedTimestamp is null ? 0 : 1;
        var isRecord = definition.GlobalNumber == RecordMessage;
        var capacity = definition.FieldNumbers.Length + extra + (isRecord ? 2 : 0);

        // Collected in the state's scratch space, and only the values found are copied out: a definition of 255
        // empty fields makes a one-byte message, which must not cost two 255-entry arrays (a 512 MiB file of
        // them would allocate terabytes).
        var numbers = state.FieldNumbers.AsSpan(0, capacity);
        var values = state.Values.AsSpan(0, capacity);
        var count = 0;
        var position = 0;
        for (var i = 0; i < definition.FieldNumbers.Length; i++)
        {
            var size = definition.Sizes[i];
            var raw = data.Slice(position, size);
            position += size;
            var number = definition.FieldNumbers[i];

            if (isRecord && number == CompressedSpeedDistanceField && size == 3)
            {
                ExpandCompressedSpeedDistance(raw, state, numbers, values, ref count);
                continue;
            }

            if (FitValues.TryRead(raw, definition.BaseTypes[i], definition.BigEndian, out var value))
            {
                Add(numbers, values, ref count, number, value);
                if (number == FitMessage.TimestampField && definition.BaseTypes[i] is 0x86 or 0x8C)
                {
                    state.LastTimestamp = (uint)value;
                }
            }
        }

        if (compressedTimestamp is { } timestamp)
        {
            state.LastTimestamp = timestamp;
            Add(numbers, values, ref count, FitMessage.TimestampField, timestamp);
        }

        return new FitMessage(
            fileIndex, definition.GlobalNumber, messageStart, numbers[..count].ToArray(), values[..count].ToArray(), definition.DeveloperFieldCount);
    }

    /// <summary>
    /// Old devices pack speed (12 bits, 1/100 m/s) and distance (12 bits, 1/16 m, rolling over) into one
    /// 3-byte field; the rolling distance is accumulated across records into a running total. Both are
    /// reported as the raw values of the record's own speed (1/1000 m/s) and distance (1/100 m) fields.
    /// </summary>
    private static void ExpandCompressedSpeedDistance(ReadOnlySpan<byte> raw, DecodeState state, Span<byte> numbers, Span<double> values, ref int count)
    {
        if (raw[0] == 0xFF && raw[1] == 0xFF && raw[2] == 0xFF)
        {
            return;
        }

        var speed = raw[0] | ((raw[1] & 0x0F) << 8);
        var distance = (raw[1] >> 4) | (raw[2] << 4);
        state.AccumulatedDistance += (distance - state.LastDistance) & 0xFFF;
        state.LastDistance = distance;
        Add(numbers, values, ref count, SpeedField, speed * 10.0);
        Add(numbers, values, ref count, DistanceField, state.AccumulatedDistance * 100.0 / 16.0);
    }

    private static void Add(Span<byte> numbers, Span<double> values, ref int count, byte number, double value)
    {
        // A field number repeated in one definition keeps its first value; the space was sized for one each.
        if (numbers[..count].Contains(number) || count == numbers.Length)
        {
            return;
        }

        numbers[count] = number;
        values[count] = value;
        count++;
    }

    private static void ReadWithin(FitInput input, Span<byte> destination, long dataEnd)
    {
        if (input.Position + destination.Length > dataEnd)
        {
            throw new BrokenFileException(
                "desynchronised",
                $"A FIT message at offset {input.Position} runs past the end of the data the header announced (offset {dataEnd}).",
                input.Position);
        }

        input.Read(destination);
    }

    private static BrokenFileException Undefined(long offset, int localType) =>
        new("desynchronised", $"A FIT data message at offset {offset} uses local message type {localType}, which was never defined.", offset);

    private sealed class DecodeState
    {
        /// <summary>Room for a message's values: 255 fields, the compressed timestamp and the two expanded from speed/distance.</summary>
        private const int MaxValues = 255 + 1 + 2;

        public byte[] Buffer { get; set; } = new byte[256];

        public byte[] FieldNumbers { get; } = new byte[MaxValues];

        public double[] Values { get; } = new double[MaxValues];

        public uint LastTimestamp { get; set; }

        public int LastDistance { get; set; }

        public long AccumulatedDistance { get; set; }
    }
}
