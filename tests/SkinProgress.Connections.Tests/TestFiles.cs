using System.Text;
using System.Text.Json;

namespace SkinProgress.Connections.Tests;

/// <summary>The bodies copied or written into TestData (see TestData/NOTICE.md for where each comes from).</summary>
public static class TestFiles
{
    /// <summary>The moment the mappers are run at: after every recorded body, so none is "in the future".</summary>
    public static readonly DateTimeOffset Now = new(2026, 12, 1, 12, 0, 0, TimeSpan.Zero);

    public static string PathOf(string relative) => Path.Combine(AppContext.BaseDirectory, "TestData", relative);

    public static byte[] Bytes(string relative) => File.ReadAllBytes(PathOf(relative));

    /// <summary>The body of a raw recorded response (<c>*.http</c>: status line, headers, a blank line, the body).</summary>
    public static byte[] HttpBody(string relative)
    {
        var text = Encoding.UTF8.GetString(Bytes(relative)).ReplaceLineEndings("\n");
        return Encoding.UTF8.GetBytes(text[(text.IndexOf("\n\n", StringComparison.Ordinal) + 2)..]);
    }

    /// <summary>The status line's code of a raw recorded response.</summary>
    public static int HttpStatus(string relative) =>
        int.Parse(Encoding.UTF8.GetString(Bytes(relative)).Split(' ', 3)[1], System.Globalization.CultureInfo.InvariantCulture);

    public static JsonDocument Json(string relative) =>
        SkinProgress.Connections.Mapping.Json.Parse(relative.EndsWith(".http", StringComparison.Ordinal) ? HttpBody(relative) : Bytes(relative))
        ?? throw new InvalidDataException($"{relative} is not JSON.");
}
