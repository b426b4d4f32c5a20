using SkinProgress.Contracts;
using SkinProgress.Events;
using SkinProgress.Validation;

namespace SkinProgress.Connections.Mapping;

/// <summary>
/// Builds events from provider data so that every one passes <see cref="EventValidator"/>. An optional value outside
/// the contract (a heart rate of 0, a GPS glitch of 5,000 km, energy from a broken power meter) is left out rather
/// than costing the whole workout; an event whose required values are outside it (no duration, longer than a day,
/// a weight outside 20–400 kg, a time before 2000 or more than a day ahead) is dropped.
/// </summary>
internal static class ProviderEvents
{
    public static HealthEvent? Workout(
        string id, DateTimeOffset occurredAt, string activity, double minutes, double? distanceKm, double? energyKcal, double? heartRate, DateTimeOffset now)
    {
        var hr = Within(heartRate is { } h && double.IsFinite(h) ? Math.Round(h) : null, EventLimits.AvgHeartRate);
        var workout = new Workout(
            activity,
            Math.Round(minutes, 2),
            DistanceKm: Within(distanceKm is { } d ? Math.Round(d, 3) : null, EventLimits.DistanceKm),
            EnergyKcal: Within(energyKcal is { } e ? Math.Round(e) : null, EventLimits.EnergyKcal),
            AvgHeartRate: hr is { } beats ? (int)beats : null);
        return Checked(new HealthEvent(id, EventTypes.Workout, occurredAt, Workout: workout), now);
    }

    public static HealthEvent? Weight(string id, DateTimeOffset occurredAt, double weightKg, double? bodyFatPercent, DateTimeOffset now) =>
        Checked(
            new HealthEvent(id, EventTypes.Weight, occurredAt, Weight: new Weight(Math.Round(weightKg, 3), Within(bodyFatPercent is { } f ? Math.Round(f, 2) : null, EventLimits.BodyFatPercent))),
            now);

    private static double? Within(double? value, NumberRange range) => range.Contains(value) ? value : null;

    private static HealthEvent? Checked(HealthEvent candidate, DateTimeOffset now) =>
        EventValidator.Validate(candidate, now).IsValid ? candidate : null;
}
