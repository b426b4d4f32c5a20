using System.Globalization;
using System.Text.Json;
using System.Text.RegularExpressions;
using SkinProgress.Contracts;

namespace SkinProgress.Events;

/// <summary>The outcome of validating one event: the event, or the errors keyed by field name.</summary>
public sealed record EventValidation(string? Id, HealthEvent? Event, IReadOnlyDictionary<string, string[]> Errors)
{
    public bool IsValid => Event is not null;
}

/// <summary>
/// Validates one event of an ingest request against API.md. Every problem with the event is reported
/// at once (not just the first) so a device can fix a record in one round trip. Unknown fields are ignored.
/// </summary>
public static partial class EventValidator
{
    public const int MaxIdLength = 128;
    public static readonly DateTimeOffset Earliest = new(2000, 1, 1, 0, 0, 0, TimeSpan.Zero);
    public static readonly TimeSpan MaxFuture = TimeSpan.FromHours(24);

    public static EventValidation Validate(JsonElement element, DateTimeOffset now)
    {
        if (element.ValueKind != JsonValueKind.Object)
        {
            return Invalid(null, new Dictionary<string, List<string>> { [""] = ["An event must be a JSON object."] });
        }

        var reader = new FieldReader(element);
        var id = reader.String("id", required: true, maxLength: MaxIdLength);
        var type = reader.Enum("type", EventTypes.All, required: true);
        var occurredAt = reader.Time("occurredAt", now);

        HealthEvent? result = null;
        switch (type)
        {
            case EventTypes.Workout:
                var activity = reader.Enum("activity", Activities.All, required: true);
                var duration = reader.Number("durationMinutes", 0, 1440, required: true, minExclusive: true);
                var intensity = reader.Enum("intensity", Intensities.All, required: false);
                var distance = reader.Number("distanceKm", 0, 1000);
                var workoutKcal = reader.Number("energyKcal", 0, 20000);
                var heartRate = reader.Number("avgHeartRate", 20, 250);
                if (reader.IsValid)
                {
                    result = Event(new Workout(activity!, duration!.Value, intensity, distance, workoutKcal,
                        heartRate is null ? null : (int)Math.Round(heartRate.Value)));
                }

                break;
            case EventTypes.Meal:
                var protein = reader.Number("proteinGrams", 0, 500, required: true);
                var mealKcal = reader.Number("energyKcal", 0, 20000);
                var carbs = reader.Number("carbsGrams", 0, 2000);
                var fat = reader.Number("fatGrams", 0, 2000);
                var vitaminC = reader.Number("vitaminCMg", 0, 10000);
                var name = reader.String("name", required: false, maxLength: 200);
                if (reader.IsValid)
                {
                    result = Event(new Meal(protein!.Value, mealKcal, carbs, fat, vitaminC, name));
                }

                break;
            case EventTypes.Hydration:
                var volume = reader.Number("volumeMl", 0, 5000, required: true, minExclusive: true);
                if (reader.IsValid)
                {
                    result = Event(new Hydration(volume!.Value));
                }

                break;
            case EventTypes.Weight:
                var kg = reader.Number("weightKg", 20, 400, required: true);
                var fatPercent = reader.Number("bodyFatPercent", 1, 75);
                if (reader.IsValid)
                {
                    result = Event(new Weight(kg!.Value, fatPercent));
                }

                break;
            case EventTypes.SkinCheck:
                var regions = reader.Regions("regions");
                var symptoms = reader.Symptoms("symptoms");
                if (reader.IsValid)
                {
                    result = Event(new SkinCheck(regions, symptoms));
                }

                break;
        }

        return reader.IsValid && result is not null ? new EventValidation(id, result, Empty) : Invalid(id, reader.Errors);

        HealthEvent Event(object part) => part switch
        {
            Workout w => new HealthEvent(id!, type!, occurredAt!.Value, Workout: w),
            Meal m => new HealthEvent(id!, type!, occurredAt!.Value, Meal: m),
            Hydration h => new HealthEvent(id!, type!, occurredAt!.Value, Hydration: h),
            Weight w => new HealthEvent(id!, type!, occurredAt!.Value, Weight: w),
            SkinCheck s => new HealthEvent(id!, type!, occurredAt!.Value, SkinCheck: s),
            _ => throw new ArgumentOutOfRangeException(nameof(part)),
        };
    }

    private static readonly IReadOnlyDictionary<string, string[]> Empty = new Dictionary<string, string[]>();

    private static EventValidation Invalid(string? id, Dictionary<string, List<string>> errors) =>
        new(id, null, errors.ToDictionary(e => e.Key, e => e.Value.ToArray(), StringComparer.Ordinal));

    // An explicit offset (Z or ±hh:mm) is required: a local time without one cannot be placed on the user's day.
    [GeneratedRegex(@"(Z|z|[+-]\d{2}:?\d{2})$", RegexOptions.CultureInvariant)]
    private static partial Regex OffsetSuffix();

    private sealed class FieldReader(JsonElement element)
    {
        public Dictionary<string, List<string>> Errors { get; } = new(StringComparer.Ordinal);

        public bool IsValid => Errors.Count == 0;

        private void Fail(string field, string message)
        {
            if (!Errors.TryGetValue(field, out var list))
            {
                Errors[field] = list = [];
            }

            list.Add(message);
        }

        private bool TryGet(string field, bool required, out JsonElement value)
        {
            if (element.TryGetProperty(field, out value) && value.ValueKind != JsonValueKind.Null)
            {
                return true;
            }

            if (required)
            {
                Fail(field, "The field is required.");
            }

            return false;
        }

        public string? String(string field, bool required, int maxLength)
        {
            if (!TryGet(field, required, out var value))
            {
                return null;
            }

            if (value.ValueKind != JsonValueKind.String)
            {
                Fail(field, "Must be a string.");
                return null;
            }

            var text = value.GetString()!;
            if (required && text.Length == 0)
            {
                Fail(field, "Must not be empty.");
                return null;
            }

            if (text.Length > maxLength)
            {
                Fail(field, $"Must be at most {maxLength} characters.");
                return null;
            }

            return text;
        }

        public string? Enum(string field, IReadOnlySet<string> allowed, bool required)
        {
            var text = String(field, required, 64);
            if (text is null || allowed.Contains(text))
            {
                return text;
            }

            Fail(field, $"Unknown value '{text}'. Allowed: {string.Join(", ", allowed)}.");
            return null;
        }

        public double? Number(string field, double min, double max, bool required = false, bool minExclusive = false)
        {
            if (!TryGet(field, required, out var value))
            {
                return null;
            }

            if (value.ValueKind != JsonValueKind.Number || !value.TryGetDouble(out var number) || !double.IsFinite(number))
            {
                Fail(field, "Must be a number.");
                return null;
            }

            var tooLow = minExclusive ? number <= min : number < min;
            if (tooLow || number > max)
            {
                var lower = minExclusive ? $"greater than {min.ToString(CultureInfo.InvariantCulture)}" : $"at least {min.ToString(CultureInfo.InvariantCulture)}";
                Fail(field, $"Must be {lower} and at most {max.ToString(CultureInfo.InvariantCulture)}.");
                return null;
            }

            return number;
        }

        public DateTimeOffset? Time(string field, DateTimeOffset now)
        {
            var text = String(field, required: true, maxLength: 64);
            if (text is null)
            {
                return null;
            }

            if (!OffsetSuffix().IsMatch(text))
            {
                Fail(field, "Must be an ISO 8601 time with an offset, such as 2026-05-01T07:30:00+02:00.");
                return null;
            }

            if (!DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.RoundtripKind, out var time))
            {
                Fail(field, "Must be an ISO 8601 time with an offset.");
                return null;
            }

            if (time < Earliest)
            {
                Fail(field, "Must not be before 2000-01-01.");
                return null;
            }

            if (time > now + MaxFuture)
            {
                Fail(field, "Must not be more than 24 hours in the future.");
                return null;
            }

            return time;
        }

        public SortedDictionary<string, int> Regions(string field)
        {
            var regions = new SortedDictionary<string, int>(StringComparer.Ordinal);
            if (!TryGet(field, required: false, out var value))
            {
                return regions;
            }

            if (value.ValueKind != JsonValueKind.Object)
            {
                Fail(field, "Must be an object of region to grade (0-3).");
                return regions;
            }

            foreach (var region in value.EnumerateObject())
            {
                if (!SkinRegions.All.Contains(region.Name))
                {
                    Fail($"{field}.{region.Name}", $"Unknown region. Allowed: {string.Join(", ", SkinRegions.All)}.");
                }
                else if (region.Value.ValueKind != JsonValueKind.Number || !region.Value.TryGetInt32(out var grade) || grade is < 0 or > 3)
                {
                    Fail($"{field}.{region.Name}", "Must be a whole number from 0 to 3.");
                }
                else
                {
                    regions[region.Name] = grade;
                }
            }

            return regions;
        }

        public IReadOnlyList<string> Symptoms(string field)
        {
            var symptoms = new SortedSet<string>(StringComparer.Ordinal);
            if (!TryGet(field, required: false, out var value))
            {
                return [];
            }

            if (value.ValueKind != JsonValueKind.Array)
            {
                Fail(field, "Must be an array of symptom names.");
                return [];
            }

            foreach (var item in value.EnumerateArray())
            {
                if (item.ValueKind != JsonValueKind.String || !Events.Symptoms.All.Contains(item.GetString()!))
                {
                    Fail(field, $"Unknown symptom. Allowed: {string.Join(", ", Events.Symptoms.All)}.");
                    continue;
                }

                symptoms.Add(item.GetString()!);
            }

            return [.. symptoms];
        }
    }
}
