namespace SkinProgress.Validation;

/// <summary>
/// What a piece of text must be for every store it reaches: PostgreSQL's <c>text</c> and <c>jsonb</c> refuse NUL, UTF-8
/// cannot encode a lone UTF-16 surrogate, and control characters in names and ids end up in logs, headers and emails.
/// Every entry point that stores text a client sent checks it here, so none can accept what a later step must refuse.
/// </summary>
public static class TextRules
{
    /// <summary>Returns why the text cannot be stored, or null when it can.</summary>
    /// <param name="allowLineBreaks">Free text (never names or ids) may hold tabs and line breaks.</param>
    public static string? Problem(string text, int maxLength, bool allowLineBreaks = false)
    {
        ArgumentNullException.ThrowIfNull(text);
        if (text.Length > maxLength)
        {
            return $"Must be at most {maxLength} characters.";
        }

        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (char.IsHighSurrogate(c) && i + 1 < text.Length && char.IsLowSurrogate(text[i + 1]))
            {
                i++;
            }
            else if (char.IsSurrogate(c))
            {
                return "Must be valid Unicode: it holds a lone UTF-16 surrogate.";
            }
            else if (char.IsControl(c) && !(allowLineBreaks && c is '\t' or '\n' or '\r'))
            {
                return $"Must not contain control characters (found U+{(int)c:X4}).";
            }
        }

        return null;
    }

    /// <summary>The text with what <see cref="Problem"/> refuses escaped as \uXXXX, safe to show in a log, a header or a page.</summary>
    public static string Printable(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var builder = new System.Text.StringBuilder(text.Length);
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (char.IsHighSurrogate(c) && i + 1 < text.Length && char.IsLowSurrogate(text[i + 1]))
            {
                builder.Append(c).Append(text[++i]);
            }
            else if (char.IsSurrogate(c) || char.IsControl(c))
            {
                builder.Append(System.Globalization.CultureInfo.InvariantCulture, $"\\u{(int)c:X4}");
            }
            else
            {
                builder.Append(c);
            }
        }

        return builder.ToString();
    }
}
