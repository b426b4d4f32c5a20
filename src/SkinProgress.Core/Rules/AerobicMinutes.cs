using SkinProgress.Events;

namespace SkinProgress.Rules;

/// <summary>Moderate-equivalent minutes: moderate minutes + 2 × vigorous minutes (WHO 2020, grade A).</summary>
public static class AerobicMinutes
{
    /// <summary>Converts one workout; light activity and strength training add no aerobic minutes.</summary>
    /// <param name="intensity">The intensity the event states, or null to use the activity's default.</param>
    public static double ModerateEquivalent(string activity, string? intensity, double minutes)
    {
        if (activity == Activities.StrengthTraining)
        {
            // Counted as a strength day (T2), not as aerobic time.
            return 0;
        }

        return (intensity ?? DefaultIntensity(activity)) switch
        {
            Intensities.Vigorous => 2 * minutes,
            Intensities.Moderate => minutes,
            _ => 0, // WHO counts moderate-to-vigorous activity only.
        };
    }

    // docs/rules.md, Derived values: running vigorous; walking, cycling, swimming, rowing, elliptical moderate.
    // HIIT vigorous, yoga light and other moderate are engineering defaults (ENG).
    public static string DefaultIntensity(string activity) => activity switch
    {
        Activities.Running or Activities.Hiit => Intensities.Vigorous,
        Activities.Yoga => Intensities.Light,
        _ => Intensities.Moderate,
    };
}
