using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using SkinProgress.Events;

namespace SkinProgress.Formats;

/// <summary>Parsing shared by the XML readers: invariant culture always, and only finite numbers count.</summary>
internal static class XmlValues
{
    public static double? Number(string? text) =>
        double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var value) && double.IsFinite(value) ? value : null;

    /// <summary>ISO 8601 as in TCX and GPX; a time without an offset is UTC, as both schemas specify.</summary>
    public static DateTimeOffset? IsoTime(string? text) =>
        DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var value) ? value : null;

    /// <summary>Keeps an id readable when it fits in 128 characters, otherwise replaces the variable part by its hash.</summary>
    public static string Id(string prefix, string identity)
    {
        var id = prefix + identity;
        return id.Length <= EventLimits.MaxIdLength && !identity.Any(char.IsControl) ? id : prefix + Hash(identity);
    }

    public static string Hash(string identity) =>
        Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(identity)), 0, 16);
}
