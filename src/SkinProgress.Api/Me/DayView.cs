using SkinProgress.Data.Days;
using SkinProgress.Sources;

namespace SkinProgress.Api.Me;

/// <summary>
/// A day of GET /v1/me/days: its totals, then why. <paramref name="Sources"/> names per part of the day the sources
/// that counted for it; <paramref name="Merged"/> lists the day's events counted as the same thing as another
/// source's (<c>mergedInto</c>). Both are null for a day last computed before sources were merged.
/// </summary>
public sealed record DayView(
    DateOnly Date,
    IReadOnlyDictionary<string, double> WorkoutMinutes,
    double ModerateEquivalentMinutes,
    int StrengthSessions,
    double ProteinGrams,
    double EnergyKcal,
    double WorkoutEnergyKcal,
    double FluidsMl,
    double? LastWeightKg,
    int SkinChecks,
    int MealCount,
    int EventCount,
    IReadOnlyDictionary<string, IReadOnlyList<string>>? Sources,
    IReadOnlyList<MergedEvent>? Merged)
{
    public static DayView From(DailyTotalRow row)
    {
        ArgumentNullException.ThrowIfNull(row);
        var t = row.ToDailyTotals();
        var why = row.ToExplanation();
        return new(t.Date, t.WorkoutMinutes, t.ModerateEquivalentMinutes, t.StrengthSessions, t.ProteinGrams, t.EnergyKcal,
            t.WorkoutEnergyKcal, t.FluidsMl, t.LastWeightKg, t.SkinChecks, t.MealCount, t.EventCount, why?.CountedSources, why?.Merged);
    }
}
