using SkinProgress.Events;

namespace SkinProgress.Connections.Withings;

/// <summary>Withings' workout categories (Measure v2 – Getworkouts) onto our activity vocabulary; the rest are <c>other</c>.</summary>
internal static class WithingsCategories
{
    public static string ToActivity(long? category) => category switch
    {
        1 or 3 or 306 => Activities.Walking,       // walk, hiking, indoor walk
        2 or 307 => Activities.Running,            // run, indoor running
        6 or 308 => Activities.Cycling,            // bicycling, indoor cycling
        7 => Activities.Swimming,
        16 or 17 => Activities.StrengthTraining,   // lift weights, calisthenics
        18 => Activities.Elliptical,
        28 => Activities.Yoga,
        187 => Activities.Rowing,
        _ => Activities.Other,
    };
}
