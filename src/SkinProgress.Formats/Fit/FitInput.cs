namespace SkinProgress.Formats.Fit;

/// <summary>
/// Sequential, buffered reading of a possibly non-seekable stream, keeping the running CRC and the offset
/// so errors can say where they happened without ever seeking back.
/// </summary>
internal sealed class FitInput(Stream stream)
{
    private readonly byte[] _buffer = new byte[64 * 1024];
    private int _start;
    private int _end;

    public long Position { get; private set; }

    public ushort Crc { get; set; }

    /// <summary>True when no byte is left; reads ahead if the buffer is empty.</summary>
    public bool AtEnd() => !Fill();

    /// <summary>Reads exactly <paramref name="destination"/>.Length bytes and adds them to the CRC.</summary>
    public void Read(Span<byte> destination)
    {
        ReadRaw(destination);
        Crc = FitCrc.Update(Crc, destination);
    }

    /// <summary>Reads bytes without adding them to the CRC (the CRC fields themselves).</summary>
    public void ReadRaw(Span<byte> destination)
    {
        var copied = 0;
        while (copied < destination.Length)
        {
            if (!Fill())
            {
                throw new BrokenFileException(
                    "truncated", $"The FIT file ends early: {destination.Length - copied} more byte(s) were expected at offset {Position}.", Position);
            }

            var n = Math.Min(_end - _start, destination.Length - copied);
            _buffer.AsSpan(_start, n).CopyTo(destination[copied..]);
            _start += n;
            copied += n;
            Position += n;
        }
    }

    private bool Fill()
    {
        if (_start < _end)
        {
            return true;
        }

        _start = 0;
        _end = stream.Read(_buffer, 0, _buffer.Length);
        return _end > 0;
    }
}
