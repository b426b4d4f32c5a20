using SkinProgress.Contracts;
using SkinProgress.Events;
using SkinProgress.Validation;

namespace SkinProgress.Formats;

/// <summary>
/// Builds contract events from what a file holds, with the contract's own limits (<see cref="EventLimits"/>): a
/// required value out of range means no event, an optional one out of range is dropped rather than losing the
/// whole workout or weigh-in over a glitchy sensor reading. What comes out is then checked by the same
/// <see cref="EventValidator"/> as every other way in.
/// </summary>
internal static class HealthEvents
{
    public static HealthEvent? Workout(
        string id, DateTimeOffset occurredAt, string activity, double durationMinutes, double? distanceKm, double? energyKcal, double? avgHeartRate)
    {
        if (!EventLimits.DurationMinutes.Contains(durationMinutes))
        {
            return null;
        }

        var workout = new Workout(
            activity,
            durationMinutes,
            DistanceKm: Within(distanceKm, EventLimits.DistanceKm),
            EnergyKcal: Within(energyKcal, EventLimits.EnergyKcal),
            AvgHeartRate: Within(avgHeartRate, EventLimits.AvgHeartRate) is { } hr ? (int)Math.Round(hr) : null);
        return new HealthEvent(id, EventTypes.Workout, occurredAt, Workout: workout);
    }

    public static HealthEvent? Weight(string id, DateTimeOffset occurredAt, double kg, double? bodyFatPercent) =>
        EventLimits.WeightKg.Contains(kg)
            ? new HealthEvent(id, EventTypes.Weight, occurredAt, Weight: new Weight(kg, Within(bodyFatPercent, EventLimits.BodyFatPercent)))
            : null;

    public static HealthEvent? Meal(string id, DateTimeOffset occurredAt, double proteinGrams, double? energyKcal)
    {
        if (!EventLimits.ProteinGrams.Contains(proteinGrams) || (energyKcal is not null && !EventLimits.EnergyKcal.Contains(energyKcal)))
        {
            return null;
        }

        return new HealthEvent(id, EventTypes.Meal, occurredAt, Meal: new Meal(proteinGrams, energyKcal));
    }

    public static HealthEvent? Hydration(string id, DateTimeOffset occurredAt, double volumeMl) =>
        EventLimits.VolumeMl.Contains(volumeMl)
            ? new HealthEvent(id, EventTypes.Hydration, occurredAt, Hydration: new Hydration(volumeMl))
            : null;

    private static double? Within(double? value, NumberRange range) => range.Contains(value) ? value : null;
}
