using System.Globalization;
using System.Text.Json;
using System.Text.RegularExpressions;
using SkinProgress.Contracts;

namespace SkinProgress.Events;

/// <summary>
/// Reads one ingest event's JSON into a <see cref="HealthEvent"/> without judging its values: it checks only what
/// the typed rules cannot see (that a field is present and of the right JSON kind, and that a time is ISO 8601 with
/// an offset). A field that fails here gets a placeholder the rules leave alone, so every error is still reported.
/// </summary>
internal static partial class JsonEventReader
{
    public sealed record Result(string? Id, HealthEvent? Event, Dictionary<string, List<string>> Errors);

    public static Result Read(JsonElement element)
    {
        try
        {
            return ReadObject(element);
        }
        catch (InvalidOperationException)
        {
            // Invalid UTF-8 or a lone surrogate escape in a string: the body reader refuses such a body before it gets
            // here; this keeps the reader total for any other caller.
            return new Result(null, null, new Dictionary<string, List<string>> { [""] = ["The event holds text that is not valid Unicode."] });
        }
    }

    private static Result ReadObject(JsonElement element)
    {
        if (element.ValueKind != JsonValueKind.Object)
        {
            return new Result(null, null, new Dictionary<string, List<string>> { [""] = ["An event must be a JSON object."] });
        }

        var reader = new FieldReader(element);
        var id = reader.String("id", required: true);
        var type = reader.String("type", required: true);
        var occurredAt = reader.Time("occurredAt");
        if (type is null || !EventTypes.All.Contains(type))
        {
            if (type is not null)
            {
                reader.Fail("type", $"Unknown value. Allowed: {string.Join(", ", EventTypes.All)}.");
            }

            return new Result(id, null, reader.Errors);
        }

        var common = new HealthEvent(id ?? "", type, occurredAt ?? DateTimeOffset.MinValue);
        var healthEvent = type switch
        {
            EventTypes.Workout => common with
            {
                Workout = new Workout(
                    reader.String("activity", required: true) ?? "",
                    reader.Number("durationMinutes", required: true) ?? double.NaN,
                    reader.String("intensity", required: false),
                    reader.Number("distanceKm"),
                    reader.Number("energyKcal"),
                    reader.HeartRate("avgHeartRate")),
            },
            EventTypes.Meal => common with
            {
                Meal = new Meal(
                    reader.Number("proteinGrams", required: true) ?? double.NaN,
                    reader.Number("energyKcal"),
                    reader.Number("carbsGrams"),
                    reader.Number("fatGrams"),
                    reader.Number("vitaminCMg"),
                    reader.String("name", required: false)),
            },
            EventTypes.Hydration => common with { Hydration = new Hydration(reader.Number("volumeMl", required: true) ?? double.NaN) },
            EventTypes.Weight => common with
            {
                Weight = new Weight(reader.Number("weightKg", required: true) ?? double.NaN, reader.Number("bodyFatPercent")),
            },
            _ => common with { SkinCheck = new SkinCheck(reader.Regions("regions"), reader.Symptoms("symptoms")) },
        };
        return new Result(id, healthEvent, reader.Errors);
    }

    // An explicit offset (Z or ±hh:mm) is required: a local time without one cannot be placed on the user's day.
    [GeneratedRegex(@"(Z|[+-]\d{2}:\d{2})$", RegexOptions.CultureInvariant)]
    private static partial Regex OffsetSuffix();

    private sealed class FieldReader(JsonElement element)
    {
        public Dictionary<string, List<string>> Errors { get; } = new(StringComparer.Ordinal);

        public void Fail(string field, string message)
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

        public string? String(string field, bool required)
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

            return value.GetString();
        }

        public double? Number(string field, bool required = false)
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

            return number;
        }

        /// <summary>Whole beats: the range is checked before rounding, so 250.4 is refused as the contract says.</summary>
        public int? HeartRate(string field)
        {
            if (Number(field) is not { } rate)
            {
                return null;
            }

            if (!EventLimits.AvgHeartRate.Contains(rate))
            {
                Fail(field, EventLimits.AvgHeartRate.Message);
                return null;
            }

            return (int)Math.Round(rate);
        }

        /// <summary>ISO 8601 in the profile JSON itself uses (RFC 3339), with its offset; nothing else is read as a time.</summary>
        public DateTimeOffset? Time(string field)
        {
            if (!TryGet(field, required: true, out var value))
            {
                return null;
            }

            if (value.ValueKind != JsonValueKind.String)
            {
                Fail(field, "Must be a string.");
                return null;
            }

            if (!value.TryGetDateTimeOffset(out var time) || !OffsetSuffix().IsMatch(value.GetString()!))
            {
                Fail(field, "Must be an ISO 8601 time with an offset, such as 2026-05-01T07:30:00+02:00.");
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
                if (region.Value.ValueKind != JsonValueKind.Number || !region.Value.TryGetInt32(out var grade))
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
            if (!TryGet(field, required: false, out var value))
            {
                return [];
            }

            if (value.ValueKind != JsonValueKind.Array)
            {
                Fail(field, "Must be an array of symptom names.");
                return [];
            }

            var symptoms = new SortedSet<string>(StringComparer.Ordinal);
            foreach (var item in value.EnumerateArray())
            {
                if (item.ValueKind != JsonValueKind.String)
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
