using System.Text;

namespace SkinProgress.Formats;

/// <summary>
/// Recognises a file from its first bytes, never from its name (uploads are often renamed or come without one).
/// Give it the first <see cref="HeadLength"/> bytes, or the whole file when shorter.
/// </summary>
public static class FileFormatDetector
{
    /// <summary>
    /// Enough for a FIT header, a zip signature, or an XML prologue with comments before the root element.
    /// An Apple Health export's long internal DTD needs no more: its DOCTYPE already names the root.
    /// </summary>
    public const int HeadLength = 4096;

    public static FileFormat? Detect(ReadOnlySpan<byte> head)
    {
        if (head.Length >= 12 && head[0] is 12 or 14 && head.Slice(8, 4).SequenceEqual(".FIT"u8))
        {
            return FileFormat.Fit;
        }

        if (head.StartsWith("PK\u0003\u0004"u8))
        {
            return FileFormat.AppleHealthZip;
        }

        return RootElementName(head) switch
        {
            "TrainingCenterDatabase" => FileFormat.Tcx,
            "gpx" => FileFormat.Gpx,
            "HealthData" => FileFormat.AppleHealthXml,
            _ => null,
        };
    }

    private static string? RootElementName(ReadOnlySpan<byte> head)
    {
        string text;
        if (head.StartsWith((ReadOnlySpan<byte>)[0xFF, 0xFE]))
        {
            text = Encoding.Unicode.GetString(head[2..]);
        }
        else if (head.StartsWith((ReadOnlySpan<byte>)[0xFE, 0xFF]))
        {
            text = Encoding.BigEndianUnicode.GetString(head[2..]);
        }
        else
        {
            text = Encoding.UTF8.GetString(head.StartsWith("\uFEFF"u8) ? head[3..] : head);
        }

        var s = text.AsSpan();
        while (true)
        {
            s = s.TrimStart();
            if (s.StartsWith("<?", StringComparison.Ordinal))
            {
                s = SkipPast(s, "?>");
            }
            else if (s.StartsWith("<!--", StringComparison.Ordinal))
            {
                s = SkipPast(s, "-->");
            }
            else if (s.StartsWith("<!DOCTYPE", StringComparison.Ordinal))
            {
                // The DOCTYPE names the root element; trusting it avoids scanning a DTD longer than the head.
                return Name(s["<!DOCTYPE".Length..].TrimStart());
            }
            else if (s.StartsWith("<", StringComparison.Ordinal))
            {
                return Name(s[1..]);
            }
            else
            {
                return null;
            }

            if (s.IsEmpty)
            {
                return null;
            }
        }
    }

    private static ReadOnlySpan<char> SkipPast(ReadOnlySpan<char> s, string end)
    {
        var index = s.IndexOf(end, StringComparison.Ordinal);
        return index < 0 ? [] : s[(index + end.Length)..];
    }

    /// <summary>The element's local name: any namespace prefix is dropped.</summary>
    private static string? Name(ReadOnlySpan<char> s)
    {
        var length = 0;
        while (length < s.Length && (char.IsLetterOrDigit(s[length]) || s[length] is '_' or '-' or '.' or ':'))
        {
            length++;
        }

        if (length == 0 || length == s.Length)
        {
            return null;
        }

        var name = s[..length];
        var colon = name.LastIndexOf(':');
        return name[(colon + 1)..].ToString();
    }
}
