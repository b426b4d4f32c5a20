using System.Text.RegularExpressions;

namespace SkinProgress.Days;

/// <summary>Days are the user's: the calendar day at the instant, in the profile's IANA time zone.</summary>
public static partial class LocalDay
{
    /// <summary>
    /// Files in the zone folder that load as zones but name no place: the build's placeholder, the machine's own
    /// setting (which differs between servers) and the template POSIX rules are copied from.
    /// </summary>
    private static readonly HashSet<string> NotPlaces = new(StringComparer.OrdinalIgnoreCase) { "Factory", "localtime", "posixrules" };

    public static DateOnly Of(DateTimeOffset instant, TimeZoneInfo zone) =>
        DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(instant, zone).DateTime);

    /// <summary>
    /// Finds a zone by its IANA name, exactly as the time zone database spells it: "Europe/London", not
    /// "europe/london" or "Europe//London", and none of the folders that hold the same zones under other rules
    /// (<c>right/</c> counts leap seconds, <c>posix/</c> duplicates) or the files that are not places.
    /// </summary>
    public static bool TryFindZone(string? id, out TimeZoneInfo zone)
    {
        zone = TimeZoneInfo.Utc;
        if (id is null || !IanaName().IsMatch(id) || NotPlaces.Contains(id)
            || id.StartsWith("right/", StringComparison.OrdinalIgnoreCase) || id.StartsWith("posix/", StringComparison.OrdinalIgnoreCase))
        {
            return false;
        }

        try
        {
            var found = TimeZoneInfo.FindSystemTimeZoneById(id);
            if (!string.Equals(found.Id, id, StringComparison.Ordinal))
            {
                return false;
            }

            zone = found;
            return true;
        }
        catch (TimeZoneNotFoundException)
        {
            return false;
        }
        catch (InvalidTimeZoneException)
        {
            return false;
        }
        catch (System.Security.SecurityException)
        {
            // On Linux a zone area such as "America" is a folder of zone files, which the runtime reports this way.
            return false;
        }
    }

    // Segments of letters, digits, '_', '-' and '+' (Etc/GMT+5), each starting with a letter or digit, joined by single slashes.
    [GeneratedRegex(@"^[A-Za-z][A-Za-z0-9_+\-]*(/[A-Za-z0-9][A-Za-z0-9_+\-]*){0,2}$", RegexOptions.CultureInvariant)]
    private static partial Regex IanaName();
}
