using SkinProgress.Contracts;
using SkinProgress.Events;
using SkinProgress.Rules;

namespace SkinProgress.Days;

/// <summary>
/// Adds up a day's events. Pure and order-independent, so recomputing a day from its stored
/// events always gives the same totals however often or in whatever order they arrived.
/// </summary>
public static class DailyTotalsCalculator
{
    /// <summary>A day of stored events: every event counts, whichever source reported it.</summary>
    public static DailyTotals Compute(DateOnly date, IEnumerable<SourcedEvent> events)
    {
        ArgumentNullException.ThrowIfNull(events);
        return Compute(date, events.Select(e => e.Event));
    }

    public static DailyTotals Compute(DateOnly date, IEnumerable<HealthEvent> events)
    {
        ArgumentNullException.ThrowIfNull(events);

        var minutes = new SortedDictionary<string, double>(StringComparer.Ordinal);
        double moderateEquivalent = 0, protein = 0, energy = 0, workoutEnergy = 0, fluids = 0;
        int strength = 0, skinChecks = 0, meals = 0, count = 0;
        HealthEvent? lastWeight = null;

        foreach (var e in events)
        {
            count++;
            switch (e)
            {
                case { Workout: { } w }:
                    var key = $"{w.Activity}/{w.Intensity ?? AerobicMinutes.DefaultIntensity(w.Activity)}";
                    minutes[key] = minutes.GetValueOrDefault(key) + w.DurationMinutes;
                    moderateEquivalent += AerobicMinutes.ModerateEquivalent(w.Activity, w.Intensity, w.DurationMinutes);
                    workoutEnergy += w.EnergyKcal ?? 0;
                    if (w.Activity == Activities.StrengthTraining)
                    {
                        strength++;
                    }

                    break;
                case { Meal: { } m }:
                    meals++;
                    protein += m.ProteinGrams;
                    energy += m.EnergyKcal ?? 0;
                    break;
                case { Hydration: { } h }:
                    fluids += h.VolumeMl;
                    break;
                case { Weight: not null }:
                    // Latest weigh-in of the day wins; ties broken by id so the result never depends on order.
                    if (lastWeight is null
                        || e.OccurredAt > lastWeight.OccurredAt
                        || (e.OccurredAt == lastWeight.OccurredAt && string.CompareOrdinal(e.Id, lastWeight.Id) > 0))
                    {
                        lastWeight = e;
                    }

                    break;
                case { SkinCheck: not null }:
                    skinChecks++;
                    break;
            }
        }

        // Rounded like every other total: floating-point sums of fractional minutes would otherwise depend on order.
        foreach (var key in minutes.Keys.ToList())
        {
            minutes[key] = Math.Round(minutes[key], 4);
        }

        return new DailyTotals(
            date,
            minutes,
            Math.Round(moderateEquivalent, 4),
            strength,
            Math.Round(protein, 4),
            Math.Round(energy, 4),
            Math.Round(workoutEnergy, 4),
            Math.Round(fluids, 4),
            lastWeight?.Weight!.WeightKg,
            skinChecks,
            meals,
            count);
    }
}
