using SkinProgress.Events;

namespace SkinProgress.Connections.Strava;

/// <summary>
/// Strava's sport types (and the older activity types, which share the names of the common ones) onto our activity
/// vocabulary; anything else is <c>other</c>, still counted as a workout.
/// </summary>
internal static class StravaSports
{
    public static string ToActivity(string? sportType) => sportType switch
    {
        "Run" or "TrailRun" or "VirtualRun" => Activities.Running,
        "Walk" or "Hike" => Activities.Walking,
        "Ride" or "MountainBikeRide" or "GravelRide" or "EBikeRide" or "EMountainBikeRide" or "VirtualRide" or "Velomobile" or "Handcycle"
            => Activities.Cycling,
        "Swim" => Activities.Swimming,
        "WeightTraining" => Activities.StrengthTraining,
        "HighIntensityIntervalTraining" or "Crossfit" => Activities.Hiit,
        "Rowing" or "VirtualRow" => Activities.Rowing,
        "Elliptical" => Activities.Elliptical,
        "Yoga" => Activities.Yoga,
        _ => Activities.Other,
    };
}
