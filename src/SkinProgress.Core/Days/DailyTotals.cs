namespace SkinProgress.Days;

/// <summary>What one local day of one user adds up to.</summary>
public sealed record DailyTotals(
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
    int EventCount);
