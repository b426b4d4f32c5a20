using System.Globalization;
using System.Text.Json;

namespace SkinProgress.Connections.Mapping;

/// <summary>
/// Lenient reads of provider JSON: every field is hostile (missing, null, the wrong kind, a number as a string, a
/// float where an integer was documented), so each read answers null instead of throwing.
/// </summary>
internal static class Json
{
    public static JsonElement? Property(this JsonElement element, string name) =>
        element.ValueKind == JsonValueKind.Object && element.TryGetProperty(name, out var value) && value.ValueKind != JsonValueKind.Null ? value : null;

    public static double? Number(this JsonElement element, string name) => element.Property(name) is { } v ? Number(v) : null;

    public static double? Number(JsonElement value) => value.ValueKind switch
    {
        JsonValueKind.Number when value.TryGetDouble(out var d) && double.IsFinite(d) => d,
        JsonValueKind.String when double.TryParse(value.GetString(), NumberStyles.Float, CultureInfo.InvariantCulture, out var d) && double.IsFinite(d) => d,
        _ => null,
    };

    public static long? Integer(this JsonElement element, string name) =>
        element.Number(name) is { } d && d >= long.MinValue && d <= long.MaxValue && Math.Floor(d) == d ? (long)d : null;

    public static string? Text(this JsonElement element, string name) => element.Property(name) is { } v ? Text(v) : null;

    /// <summary>A string, or a number's digits exactly as sent (an id past 2^53 must not go through a double).</summary>
    public static string? Text(JsonElement value) => value.ValueKind switch
    {
        JsonValueKind.String => value.GetString(),
        JsonValueKind.Number => value.GetRawText(),
        _ => null,
    };

    public static bool Flag(this JsonElement element, string name) =>
        element.Property(name) is { } v && (v.ValueKind == JsonValueKind.True || (v.ValueKind == JsonValueKind.String && v.GetString() == "true"));

    public static IEnumerable<JsonElement> Items(this JsonElement element, string name) =>
        element.Property(name) is { ValueKind: JsonValueKind.Array } array ? array.EnumerateArray() : [];

    public static DateTimeOffset? UnixSeconds(this JsonElement element, string name) =>
        element.Integer(name) is { } s && s is >= -62135596800 and <= 253402300799 ? DateTimeOffset.FromUnixTimeSeconds(s) : null;

    /// <summary>An ISO 8601 time with an offset or Z; a time without one is not a point in time and reads as null.</summary>
    public static DateTimeOffset? Instant(this JsonElement element, string name) =>
        element.Text(name) is { } text && text.Length < 64
        && DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.None, out var t)
        && (text.EndsWith('Z') || text.EndsWith('z') || text.LastIndexOfAny(['+', '-']) > 10)
            ? t.ToUniversalTime()
            : null;

    /// <summary>Parses a body, answering null for anything that is not JSON within the nesting limit.</summary>
    public static JsonDocument? Parse(ReadOnlyMemory<byte> body)
    {
        try
        {
            var span = body.Span;
            var bom = span.StartsWith("\uFEFF"u8) ? 3 : 0;
            return JsonDocument.Parse(body[bom..], new JsonDocumentOptions { MaxDepth = 64 });
        }
        catch (JsonException)
        {
            return null;
        }
    }
}
