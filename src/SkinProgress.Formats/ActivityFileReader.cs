using System.Xml;
using SkinProgress.Contracts;
using SkinProgress.Formats.AppleHealth;
using SkinProgress.Formats.Fit;
using SkinProgress.Formats.Gpx;
using SkinProgress.Formats.Tcx;

namespace SkinProgress.Formats;

/// <summary>The one entry point: a stream in, a lazy sequence of events and warnings out.</summary>
public static class ActivityFileReader
{
    /// <summary>
    /// Reads lazily: the stream is consumed as the sequence is enumerated, holding at most one activity's
    /// summary in memory, so multi-gigabyte exports stream. Every format reads a non-seekable stream except
    /// <see cref="FileFormat.AppleHealthZip"/>, whose central directory sits at the end of the file and
    /// therefore needs a seekable stream (buffer an upload to a temporary file first). The caller owns the stream.
    /// </summary>
    /// <exception cref="ArgumentException">The format is a zip and the stream cannot seek.</exception>
    /// <exception cref="BrokenFileException">During enumeration, when the content is broken or is not what the format says.</exception>
    public static IEnumerable<ImportItem> Read(Stream stream, FileFormat format)
    {
        ArgumentNullException.ThrowIfNull(stream);
        if (format == FileFormat.AppleHealthZip && !stream.CanSeek)
        {
            throw new ArgumentException("An Apple Health zip can only be read from a seekable stream.", nameof(stream));
        }

        IEnumerable<ImportItem> items = format switch
        {
            FileFormat.Fit => FitActivityReader.Read(stream),
            FileFormat.Tcx => TcxReader.Read(stream),
            FileFormat.Gpx => GpxReader.Read(stream),
            FileFormat.AppleHealthXml => AppleHealthReader.ReadXml(stream),
            FileFormat.AppleHealthZip => AppleHealthReader.ReadZip(stream),
            _ => throw new ArgumentOutOfRangeException(nameof(format), format, "Unknown file format."),
        };
        return TranslateFailures(items);
    }

    /// <summary>Reads the whole file at once and splits events from warnings; for tests and small files.</summary>
    public static (IReadOnlyList<HealthEvent> Events, IReadOnlyList<ImportWarning> Warnings) ReadAll(Stream stream, FileFormat format)
    {
        var events = new List<HealthEvent>();
        var warnings = new List<ImportWarning>();
        foreach (var item in Read(stream, format))
        {
            if (item.Event is { } e)
            {
                events.Add(e);
            }
            else if (item.Warning is { } w)
            {
                warnings.Add(w);
            }
        }

        return (events, warnings);
    }

    /// <summary>Library exceptions about the content become <see cref="BrokenFileException"/>, the only one callers handle.</summary>
    private static IEnumerable<ImportItem> TranslateFailures(IEnumerable<ImportItem> items)
    {
        using var enumerator = items.GetEnumerator();
        while (true)
        {
            ImportItem current;
            try
            {
                if (!enumerator.MoveNext())
                {
                    yield break;
                }

                current = enumerator.Current;
            }
            catch (XmlException ex)
            {
                throw new BrokenFileException("invalid_xml", $"The file is not well-formed XML: {ex.Message}", null, ex);
            }
            catch (InvalidDataException ex)
            {
                throw new BrokenFileException("invalid_zip", $"The zip archive is damaged: {ex.Message}", null, ex);
            }
            catch (EndOfStreamException ex)
            {
                throw new BrokenFileException("truncated", $"The file ends early: {ex.Message}", null, ex);
            }

            yield return current;
        }
    }
}
