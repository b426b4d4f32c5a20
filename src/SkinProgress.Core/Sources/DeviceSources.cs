namespace SkinProgress.Sources;

/// <summary>The source names a device or connection may have (docs/api.md, Admin): what registration accepts and priorities rank.</summary>
public static class DeviceSources
{
    public static readonly IReadOnlyList<string> All =
        ["garmin", "fitbit", "apple_health", "google_fit", "polar", "suunto", "withings", "strava", "manual", "other"];
}
