using System.Globalization;

namespace SkinProgress.Formats.AppleHealth;

/// <summary>Export dates look like "2019-01-01 08:00:00 -0800": local time with the device's offset at the time.</summary>
internal static class AppleHealthDate
{
    public static DateTimeOffset? Parse(string? text)
    {
        if (text is null || text.Length < 25 || text[19] != ' ')
        {
            return null;
        }

        if (!DateTime.TryParseExact(text.AsSpan(0, 19), "yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture, DateTimeStyles.None, out var local))
        {
            return null;
        }

        var offset = text.AsSpan(20);
        if (offset.Length == 6 && offset[3] == ':')
        {
            offset = string.Concat(offset[..3], offset[4..]);
        }

        if (offset.Length != 5 || offset[0] is not ('+' or '-')
            || !int.TryParse(offset.Slice(1, 2), NumberStyles.None, CultureInfo.InvariantCulture, out var hours)
            || !int.TryParse(offset.Slice(3, 2), NumberStyles.None, CultureInfo.InvariantCulture, out var minutes)
            || hours > 14 || minutes > 59)
        {
            return null;
        }

        var span = new TimeSpan(hours, minutes, 0);
        var signed = offset[0] == '-' ? -span : span;

        // A local time near year 1 or 9999 with an offset has no UTC instant; such a record is broken, not fatal.
        var utcTicks = local.Ticks - signed.Ticks;
        if (utcTicks < DateTime.MinValue.Ticks || utcTicks > DateTime.MaxValue.Ticks)
        {
            return null;
        }

        return new DateTimeOffset(local, signed);
    }
}
