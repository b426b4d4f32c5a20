using System.Text.Json;
using SkinProgress.Connections.Mapping;
using SkinProgress.Contracts;

namespace SkinProgress.Connections.Withings;

/// <summary>
/// Withings measures and workouts as events. A measure is <c>value × 10^unit</c> in the type's unit (kg for weight,
/// type 1; % for fat ratio, type 6). One measure group is one weigh-in: its weight with the fat ratio it carries.
/// Groups of category 2 (the person's goals, not measurements), groups without a weight and every other measure
/// type (height, fat mass, blood pressure…) are ignored. Times are epoch seconds, so the group's time zone changes
/// nothing. Ids: <c>measure:{grpid}</c> and <c>workout:{id}</c>, two number spaces of Withings' that must not meet.
/// </summary>
internal static class WithingsMapper
{
    private const long WeightType = 1;
    private const long FatRatioType = 6;
    private const long RealMeasureCategory = 1;

    public static IReadOnlyList<HealthEvent> MapMeasures(JsonElement body, DateTimeOffset now) =>
        [.. body.Items("measuregrps").Select(group => MapGroup(group, now)).OfType<HealthEvent>()];

    private static HealthEvent? MapGroup(JsonElement group, DateTimeOffset now)
    {
        if (group.Integer("category") != RealMeasureCategory || group.Text("grpid") is not { Length: > 0 } id || group.UnixSeconds("date") is not { } at)
        {
            return null;
        }

        double? weight = null, fat = null;
        foreach (var measure in group.Items("measures"))
        {
            switch (measure.Integer("type"))
            {
                case WeightType:
                    weight ??= Value(measure);
                    break;
                case FatRatioType:
                    fat ??= Value(measure);
                    break;
            }
        }

        return weight is { } kg ? ProviderEvents.Weight($"measure:{id}", at, kg, fat, now) : null;
    }

    /// <summary>
    /// <c>value × 10^unit</c>, dividing by the exact power of ten for negative units so 63500e-3 is 63.5, not
    /// 63.50000000000001; exponents beyond ±12 describe no body and read as no value.
    /// </summary>
    internal static double? Value(JsonElement measure)
    {
        if (measure.Number("value") is not { } value || measure.Integer("unit") is not { } unit || unit is < -12 or > 12)
        {
            return null;
        }

        var scale = Math.Pow(10, Math.Abs(unit));
        return unit < 0 ? value / scale : value * scale;
    }

    /// <summary>
    /// A workout: minutes from <c>enddate − startdate − pause_duration</c>; distance in metres; <c>calories</c> (active
    /// kcal); <c>hr_average</c>. The time is <c>startdate</c> (epoch seconds).
    /// </summary>
    public static IReadOnlyList<HealthEvent> MapWorkouts(JsonElement body, DateTimeOffset now) =>
        [.. body.Items("series").Select(workout => MapWorkout(workout, now)).OfType<HealthEvent>()];

    private static HealthEvent? MapWorkout(JsonElement workout, DateTimeOffset now)
    {
        if (workout.Text("id") is not { Length: > 0 } id || workout.UnixSeconds("startdate") is not { } start || workout.UnixSeconds("enddate") is not { } end)
        {
            return null;
        }

        var data = workout.Property("data") ?? default;
        var pause = data.Number("pause_duration") is > 0 and var p ? p : 0;
        var minutes = ((end - start).TotalSeconds - pause) / 60;
        var distance = data.Number("distance") is > 0 and var metres ? metres / 1000 : (double?)null;
        var energy = data.Number("calories") is > 0 and var kcal ? kcal : (double?)null;
        return ProviderEvents.Workout(
            $"workout:{id}", start, WithingsCategories.ToActivity(workout.Integer("category")), minutes, distance, energy, data.Number("hr_average"), now);
    }
}
