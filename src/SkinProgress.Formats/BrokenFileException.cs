namespace SkinProgress.Formats;

/// <summary>
/// The only exception a reader lets out for bad input: whatever bytes arrive, the caller gets a stable
/// <see cref="Problem"/> code it can branch on and show, never a runtime exception from deep in a parser.
/// </summary>
public sealed class BrokenFileException : Exception
{
    public BrokenFileException()
        : this("broken", "The file is broken.")
    {
    }

    public BrokenFileException(string message)
        : this("broken", message)
    {
    }

    public BrokenFileException(string message, Exception innerException)
        : this("broken", message, null, innerException)
    {
    }

    public BrokenFileException(string problem, string message, long? byteOffset = null, Exception? innerException = null)
        : base(message, innerException)
    {
        Problem = problem;
        ByteOffset = byteOffset;
    }

    /// <summary>Short stable code, e.g. <c>truncated</c>, <c>bad_file_crc</c>, <c>invalid_xml</c>.</summary>
    public string Problem { get; }

    /// <summary>Offset in the input where the problem was found, when the reader knows it.</summary>
    public long? ByteOffset { get; }
}
