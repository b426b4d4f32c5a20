namespace SkinProgress.Contracts;

/// <summary>
/// A validated event. Exactly one of the type-specific parts is set, matching <see cref="Type"/>;
/// a flat record (instead of a class hierarchy) keeps the message shape plain JSON for the broker.
/// </summary>
public sealed record HealthEvent(
    string Id,
    string Type,
    DateTimeOffset OccurredAt,
    Workout? Workout = null,
    Meal? Meal = null,
    Hydration? Hydration = null,
    Weight? Weight = null,
    SkinCheck? SkinCheck = null);

public sealed record Workout(
    string Activity,
    double DurationMinutes,
    string? Intensity = null,
    double? DistanceKm = null,
    double? EnergyKcal = null,
    int? AvgHeartRate = null);

public sealed record Meal(
    double ProteinGrams,
    double? EnergyKcal = null,
    double? CarbsGrams = null,
    double? FatGrams = null,
    double? VitaminCMg = null,
    string? Name = null);

public sealed record Hydration(double VolumeMl);

public sealed record Weight(double WeightKg, double? BodyFatPercent = null);

public sealed record SkinCheck(IReadOnlyDictionary<string, int> Regions, IReadOnlyList<string> Symptoms);
