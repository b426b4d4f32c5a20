using System.Globalization;
using System.Text;
using System.Text.Json.Nodes;
using CsCheck;

namespace SkinProgress.IntegrationTests.Fuzzing;

/// <summary>
/// Turns a valid JSON body into the ones careless clients and attackers send: a field with the wrong kind of value,
/// an extreme number, NaN or Infinity as a string, long and control-character strings, NUL, lone surrogates, odd
/// dates and offsets, a duplicate key, a missing field, invalid UTF-8 bytes, a truncated body.
/// </summary>
public static class HostileJson
{
    /// <summary>JSON text of values that have broken or could break a reader, a validator or a store.</summary>
    public static readonly string[] Values =
    [
        "null", "true", "[]", "{}", "[[[[[[[[[[[[[[[[[[[[1]]]]]]]]]]]]]]]]]]]]", "{\"a\":{\"b\":{\"c\":[1,2,3]}}}",
        "0", "-0", "-1", "0.1", "1e308", "-1e308", "1e-320", "1e400", "2147483648", "-2147483649", "9007199254740993",
        "123456789012345678901234567890", "1.7976931348623157e308", "5e-324",
        "\"\"", "\" \"", "\"NaN\"", "\"Infinity\"", "\"-Infinity\"", "\"1e400\"", "\"172\"", "\"\\u0000\"", "\"a\\u0000b\"",
        "\"\\ud800\"", "\"x\\udc00\"", "\"\\udc00\\ud800\"", "\"\\u001f\"", "\"\\u007f\"", "\"\\u0085\"", "\"line\\r\\nX-Injected: 1\"",
        "\"<script>alert(1)</script>\"", "\"' or 1=1 --\"", "\"%00\"", "\"../../etc/passwd\"", "\"🏃‍♀️💪\"",
        "\"Factory\"", "\"localtime\"", "\"posixrules\"", "\"right/UTC\"", "\"posix/Europe/London\"", "\"Europe//London\"", "\"europe/london\"",
        "\"7\"", "\"-1\"", "\"Monday\"", "\"sunday\"",
        "\"Mon, 30 Nov 2026 10:00:00 +00:00\"", "\"2026-03-02\"", "\"2026-03-02T10:00:00\"", "\"2026-03-02T10:00:00+14:01\"",
        "\"2026-03-02T10:00:00-14:00\"", "\"2026-03-02T10:00:00+0000\"", "\"0001-01-01T00:00:00+14:00\"", "\"9999-12-31T23:59:59-14:00\"",
        "\"0001-01-01\"", "\"9999-12-31\"", "\"2026-02-30\"", "\"00000000-0000-0000-0000-000000000000\"",
        "\"x@example.org, y@example.org\"", "\"Evil <x@example.org>\"", "\"a@b\"",
    ];

    private static readonly Gen<string> Value = Gen.Frequency(
        (8, Gen.OneOf(Values)),
        (1, Gen.Int[1, 70_000].Select(n => $"\"{new string('x', n)}\"")),
        (1, Gen.Double.Select(d => double.IsFinite(d) ? d.ToString("R", CultureInfo.InvariantCulture) : "0")));

    /// <summary>The body unchanged half of the time; otherwise one or more mutations of it.</summary>
    public static Gen<byte[]> Mutate(JsonObject valid) =>
        Gen.Frequency(
            (5, Gen.Const(() => Encoding.UTF8.GetBytes(valid.ToJsonString()))),
            (5, Gen.Select(Gen.Int[1, 3], Gen.Int, Value, Gen.Int[0, 9]).Select((count, pick, value, kind) =>
                MutateOnce(valid, count, pick, value, kind))));

    private const string Placeholder = "__hostile_value__";

    private static byte[] MutateOnce(JsonObject valid, int count, int pick, string value, int kind)
    {
        var random = new Random(pick);
        var node = (JsonObject)valid.DeepClone();
        for (var i = 0; i < count; i++)
        {
            ReplaceSomewhere(node, random);
        }

        // Spliced in as text: the DOM cannot hold every hostile value (a lone surrogate escape, 1e400).
        var text = node.ToJsonString().Replace($"\"{Placeholder}\"", value, StringComparison.Ordinal);
        switch (kind)
        {
            case 0:
                // A duplicate key: System.Text.Json's DOM refuses it, an object reader may take either.
                var brace = text.IndexOf('{', StringComparison.Ordinal);
                var first = node.FirstOrDefault();
                return Encoding.UTF8.GetBytes(first.Key is null ? text : text.Insert(brace + 1, $"\"{first.Key}\":{value},"));
            case 1:
                return Encoding.UTF8.GetBytes(text[..random.Next(text.Length)]);
            case 2:
                // A raw byte that is not UTF-8, inside some string.
                var bytes = Encoding.UTF8.GetBytes(text).ToList();
                var quote = bytes.IndexOf((byte)'"', random.Next(bytes.Count));
                bytes.Insert(quote < 0 ? 0 : quote + 1, (byte)(0x80 + random.Next(0x80)));
                return [.. bytes];
            case 3:
                return [0xEF, 0xBB, 0xBF, .. Encoding.UTF8.GetBytes(text)];
            default:
                return Encoding.UTF8.GetBytes(text);
        }
    }

    /// <summary>Replaces, adds or removes one property somewhere in the tree.</summary>
    private static void ReplaceSomewhere(JsonNode node, Random random)
    {
        while (true)
        {
            switch (node)
            {
                case JsonObject o when o.Count > 0 && random.Next(3) > 0:
                    var (key, child) = o.ElementAt(random.Next(o.Count));
                    if (child is JsonObject or JsonArray && random.Next(2) == 0)
                    {
                        node = child;
                        continue;
                    }

                    if (random.Next(6) == 0)
                    {
                        o.Remove(key);
                    }
                    else
                    {
                        o[key] = Placeholder;
                    }

                    return;
                case JsonObject o:
                    o[random.Next(4) == 0 ? "unknown" : "id"] = Placeholder;
                    return;
                case JsonArray a when a.Count > 0:
                    var index = random.Next(a.Count);
                    if (a[index] is JsonObject or JsonArray && random.Next(3) > 0)
                    {
                        node = a[index]!;
                        continue;
                    }

                    a[index] = Placeholder;
                    return;
                case JsonArray a:
                    a.Add(Placeholder);
                    return;
                default:
                    return;
            }
        }
    }
}
