using SkinProgress.Validation;

namespace SkinProgress.Events;

/// <summary>
/// The limits of the event contract (docs/api.md, Events, and the OpenAPI document), in one place: the JSON validator, the file
/// readers and the Worker all take them from here, so an event one entry point accepts no other refuses.
/// </summary>
public static class EventLimits
{
    public const int MaxIdLength = 128;
    public const int MaxNameLength = 200;

    public static readonly DateTimeOffset Earliest = new(2000, 1, 1, 0, 0, 0, TimeSpan.Zero);
    public static readonly TimeSpan MaxFuture = TimeSpan.FromHours(24);

    public static readonly NumberRange DurationMinutes = new(0, 1440, MinExclusive: true);
    public static readonly NumberRange DistanceKm = new(0, 1000);
    public static readonly NumberRange EnergyKcal = new(0, 20000);
    public static readonly NumberRange AvgHeartRate = new(20, 250);
    public static readonly NumberRange ProteinGrams = new(0, 500);
    public static readonly NumberRange MacroGrams = new(0, 2000);
    public static readonly NumberRange VitaminCMg = new(0, 10000);
    public static readonly NumberRange VolumeMl = new(0, 5000, MinExclusive: true);
    public static readonly NumberRange WeightKg = new(20, 400);
    public static readonly NumberRange BodyFatPercent = new(1, 75);
    public static readonly NumberRange SkinGrade = new(0, 3);

    /// <summary>Why the time is outside the window events may have, or null when it is inside.</summary>
    public static string? TimeProblem(DateTimeOffset time, DateTimeOffset now)
    {
        if (time < Earliest)
        {
            return "Must not be before 2000-01-01.";
        }

        return time > now + MaxFuture ? "Must not be more than 24 hours in the future." : null;
    }
}
