using SkinProgress.Contracts;
using SkinProgress.Events;

namespace SkinProgress.Formats;

/// <summary>
/// Builds contract events and enforces the ranges the rest of the product accepts, so every reader rejects
/// the same impossible values the same way instead of letting them fail later, far from the file.
/// </summary>
internal static class HealthEvents
{
    public const int MaxIdLength = 128;

    /// <summary>Returns null when the duration is outside (0, 1440] minutes; optional values out of range are dropped.</summary>
    public static HealthEvent? Workout(
        string id, DateTimeOffset occurredAt, string activity, double durationMinutes, double? distanceKm, double? energyKcal, double? avgHeartRate)
    {
        if (!double.IsFinite(durationMinutes) || durationMinutes <= 0 || durationMinutes > 1440)
        {
            return null;
        }

        var workout = new Workout(
            activity,
            durationMinutes,
            DistanceKm: NonNegative(distanceKm),
            EnergyKcal: NonNegative(energyKcal),
            AvgHeartRate: avgHeartRate is { } hr && double.IsFinite(hr) && Math.Round(hr) is >= 20 and <= 250 ? (int)Math.Round(hr) : null);
        return new HealthEvent(id, EventTypes.Workout, occurredAt, Workout: workout);
    }

    /// <summary>Returns null when the weight is outside 20–400 kg; a body-fat value outside 0–100 % is dropped.</summary>
    public static HealthEvent? Weight(string id, DateTimeOffset occurredAt, double kg, double? bodyFatPercent)
    {
        if (!double.IsFinite(kg) || kg < 20 || kg > 400)
        {
            return null;
        }

        double? fat = bodyFatPercent is { } f && double.IsFinite(f) && f is > 0 and < 100 ? f : null;
        return new HealthEvent(id, EventTypes.Weight, occurredAt, Weight: new Weight(kg, fat));
    }

    public static HealthEvent? Meal(string id, DateTimeOffset occurredAt, double proteinGrams, double? energyKcal)
    {
        if (!double.IsFinite(proteinGrams) || proteinGrams < 0 || proteinGrams > 1000)
        {
            return null;
        }

        if (energyKcal is { } e && (!double.IsFinite(e) || e < 0 || e > 20000))
        {
            return null;
        }

        return new HealthEvent(id, EventTypes.Meal, occurredAt, Meal: new Meal(proteinGrams, energyKcal));
    }

    public static HealthEvent? Hydration(string id, DateTimeOffset occurredAt, double volumeMl)
    {
        if (!double.IsFinite(volumeMl) || volumeMl <= 0 || volumeMl > 20000)
        {
            return null;
        }

        return new HealthEvent(id, EventTypes.Hydration, occurredAt, Hydration: new Hydration(volumeMl));
    }

    private static double? NonNegative(double? value) => value is { } v && double.IsFinite(v) && v >= 0 ? v : null;
}
