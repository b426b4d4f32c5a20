using System.Globalization;
using System.Text.Json;
using CsCheck;

namespace SkinProgress.Connections.Tests.Mapping;

/// <summary>
/// JSON values as a provider might send them on a bad day: the right kind in and out of range, the wrong kind, huge
/// and tiny numbers, numbers as strings, nulls, nested containers.
/// </summary>
public static class HostileJson
{
    private static readonly Gen<string> Numbers = Gen.OneOf(
        Gen.Long.Select(l => l.ToString(CultureInfo.InvariantCulture)),
        Gen.Double.Where(double.IsFinite).Select(d => d.ToString("R", CultureInfo.InvariantCulture)),
        Gen.OneOf("0", "-0", "0.0", "1e308", "-1e308", "1e-400", "123456789012345678901234567890", "2.5", "-1"));

    private static readonly Gen<string> Strings = Gen.OneOf(
        Gen.String.Select(s => JsonSerializer.Serialize(s)),
        Numbers.Select(n => $"\"{n}\""),
        Gen.OneOf("\"\"", "\"2026-11-30T18:00:00Z\"", "\"2026-11-30T18:00:00\"", "\"9999-12-31T23:59:59Z\"", "\"false\"", "\"true\""));

    public static readonly Gen<string> Value = Gen.Frequency(
        (4, Numbers),
        (3, Strings),
        (1, Gen.OneOf("true", "false", "null", "[]", "{}", "[1,2]", "{\"a\":{}}")));

    /// <summary>A plausible value most of the time, a hostile one otherwise.</summary>
    public static Gen<string> Mostly(Gen<string> plausible) => Gen.Frequency((4, plausible), (1, Value));

    public static Gen<string> Number(double min, double max) =>
        Gen.Double[min, max].Select(d => d.ToString("R", CultureInfo.InvariantCulture));

    public static Gen<string> Epoch(int fromYear, int toYear) =>
        Gen.Long[new DateTimeOffset(fromYear, 1, 1, 0, 0, 0, TimeSpan.Zero).ToUnixTimeSeconds(), new DateTimeOffset(toYear, 1, 1, 0, 0, 0, TimeSpan.Zero).ToUnixTimeSeconds()]
            .Select(s => s.ToString(CultureInfo.InvariantCulture));

    /// <summary>An object with any subset of the fields, each from its generator.</summary>
    public static Gen<string> Fields(params (string Name, Gen<string> Value)[] fields)
    {
        var members = Gen.Const("");
        foreach (var (name, value) in fields)
        {
            var member = Gen.Frequency((6, value.Select(v => (string?)$"\"{name}\":{v}")), (1, Gen.Const((string?)null)));
            members = members.SelectMany(sofar => member.Select(m => m is null ? sofar : sofar.Length == 0 ? m : $"{sofar},{m}"));
        }

        return members.Select(m => "{" + m + "}");
    }

    public static Gen<string> Array(Gen<string> item, int max) => item.Array[0, max].Select(items => "[" + string.Join(",", items) + "]");
}
