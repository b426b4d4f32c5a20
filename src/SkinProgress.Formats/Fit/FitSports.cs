using SkinProgress.Events;

namespace SkinProgress.Formats.Fit;

/// <summary>Maps the FIT profile's sport and sub_sport enums onto our activity vocabulary.</summary>
internal static class FitSports
{
    public static string ToActivity(double? sport, double? subSport) => (sport, subSport) switch
    {
        (1, _) => Activities.Running,
        (2, _) or (21, _) => Activities.Cycling,
        (5, _) => Activities.Swimming,
        (11, _) or (17, _) => Activities.Walking,
        (15, _) => Activities.Rowing,
        (62, _) => Activities.Hiit,
        (10, 20) => Activities.StrengthTraining,
        (10, 43) => Activities.Yoga,
        (10, 70 or 73 or 74 or 75) => Activities.Hiit,
        (4, 1) => Activities.Running,
        (4, 6) => Activities.Cycling,
        (4, 14) => Activities.Rowing,
        (4, 15) => Activities.Elliptical,
        (4, 27) => Activities.Walking,
        _ => Activities.Other,
    };
}
