namespace SkinProgress.Days;

/// <summary>Days are the user's: the calendar day at the instant, in the profile's IANA time zone.</summary>
public static class LocalDay
{
    public static DateOnly Of(DateTimeOffset instant, TimeZoneInfo zone) =>
        DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(instant, zone).DateTime);

    public static bool TryFindZone(string? id, out TimeZoneInfo zone)
    {
        zone = TimeZoneInfo.Utc;
        if (string.IsNullOrWhiteSpace(id))
        {
            return false;
        }

        try
        {
            zone = TimeZoneInfo.FindSystemTimeZoneById(id);
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
}
