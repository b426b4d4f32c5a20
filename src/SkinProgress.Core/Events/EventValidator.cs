using System.Text.Json;
using SkinProgress.Contracts;
using SkinProgress.Validation;

namespace SkinProgress.Events;

/// <summary>
/// The event contract, enforced in one place for every way in: <c>POST /v1/events</c> (JSON), file imports and
/// provider fetches (typed events), and the Worker, which checks again what it is about to store. The JSON entry
/// point only reads the shape (kinds of values, required fields) and then applies the same typed rules, so the
/// two can never drift apart. Every problem is reported at once, keyed by the JSON field name.
/// </summary>
public static class EventValidator
{
    public static EventValidation Validate(JsonElement element, DateTimeOffset now)
    {
        var read = JsonEventReader.Read(element);
        if (read.Event is null)
        {
            return Invalid(read.Id, read.Errors);
        }

        // A field whose shape was wrong already has its error; the rules' view of its placeholder adds nothing.
        foreach (var (field, messages) in Problems(read.Event, now))
        {
            read.Errors.TryAdd(field, messages);
        }

        return read.Errors.Count == 0 ? new EventValidation(read.Id, read.Event, Empty) : Invalid(read.Id, read.Errors);
    }

    public static EventValidation Validate(HealthEvent healthEvent, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(healthEvent);
        var errors = Problems(healthEvent, now);
        return errors.Count == 0 ? new EventValidation(healthEvent.Id, healthEvent, Empty) : Invalid(healthEvent.Id, errors);
    }

    private static readonly IReadOnlyDictionary<string, string[]> Empty = new Dictionary<string, string[]>();

    private static EventValidation Invalid(string? id, Dictionary<string, List<string>> errors) =>
        new(id, null, errors.ToDictionary(e => e.Key, e => e.Value.ToArray(), StringComparer.Ordinal));

    private static Dictionary<string, List<string>> Problems(HealthEvent e, DateTimeOffset now)
    {
        var check = new Checker();
        check.Text("id", e.Id, EventLimits.MaxIdLength, required: true);
        check.Member("type", e.Type, EventTypes.All);
        check.Add("occurredAt", EventLimits.TimeProblem(e.OccurredAt, now));

        var parts = new object?[] { e.Workout, e.Meal, e.Hydration, e.Weight, e.SkinCheck }.Count(p => p is not null);
        if (parts != 1 || Part(e) is null)
        {
            check.Add("type", $"The event must carry exactly the part of its type '{e.Type}'.");
            return check.Errors;
        }

        switch (Part(e))
        {
            case Workout w:
                check.Member("activity", w.Activity, Activities.All);
                check.Range("durationMinutes", w.DurationMinutes, EventLimits.DurationMinutes);
                if (w.Intensity is not null)
                {
                    check.Member("intensity", w.Intensity, Intensities.All);
                }

                check.Range("distanceKm", w.DistanceKm, EventLimits.DistanceKm);
                check.Range("energyKcal", w.EnergyKcal, EventLimits.EnergyKcal);
                check.Range("avgHeartRate", w.AvgHeartRate, EventLimits.AvgHeartRate);
                break;
            case Meal m:
                check.Range("proteinGrams", m.ProteinGrams, EventLimits.ProteinGrams);
                check.Range("energyKcal", m.EnergyKcal, EventLimits.EnergyKcal);
                check.Range("carbsGrams", m.CarbsGrams, EventLimits.MacroGrams);
                check.Range("fatGrams", m.FatGrams, EventLimits.MacroGrams);
                check.Range("vitaminCMg", m.VitaminCMg, EventLimits.VitaminCMg);
                if (m.Name is not null)
                {
                    check.Text("name", m.Name, EventLimits.MaxNameLength, required: false);
                }

                break;
            case Hydration h:
                check.Range("volumeMl", h.VolumeMl, EventLimits.VolumeMl);
                break;
            case Weight w:
                check.Range("weightKg", w.WeightKg, EventLimits.WeightKg);
                check.Range("bodyFatPercent", w.BodyFatPercent, EventLimits.BodyFatPercent);
                break;
            case SkinCheck s:
                foreach (var (region, grade) in s.Regions ?? new Dictionary<string, int>())
                {
                    if (!SkinRegions.All.Contains(region))
                    {
                        check.Add($"regions.{region}", $"Unknown region. Allowed: {string.Join(", ", SkinRegions.All)}.");
                    }
                    else
                    {
                        check.Range($"regions.{region}", grade, EventLimits.SkinGrade, "Must be a whole number from 0 to 3.");
                    }
                }

                if ((s.Symptoms ?? []).Any(symptom => symptom is null || !Symptoms.All.Contains(symptom)))
                {
                    check.Add("symptoms", $"Unknown symptom. Allowed: {string.Join(", ", Symptoms.All)}.");
                }

                break;
        }

        return check.Errors;
    }

    /// <summary>The part that matches the event's type, or null when the type has no part or another part is set.</summary>
    private static object? Part(HealthEvent e) => e.Type switch
    {
        EventTypes.Workout => e.Workout,
        EventTypes.Meal => e.Meal,
        EventTypes.Hydration => e.Hydration,
        EventTypes.Weight => e.Weight,
        EventTypes.SkinCheck => e.SkinCheck,
        _ => null,
    };

    private sealed class Checker
    {
        public Dictionary<string, List<string>> Errors { get; } = new(StringComparer.Ordinal);

        public void Add(string field, string? message)
        {
            if (message is null)
            {
                return;
            }

            if (!Errors.TryGetValue(field, out var list))
            {
                Errors[field] = list = [];
            }

            list.Add(message);
        }

        public void Text(string field, string? text, int maxLength, bool required)
        {
            if (string.IsNullOrEmpty(text))
            {
                Add(field, required ? "Must not be empty." : null);
                return;
            }

            Add(field, TextRules.Problem(text, maxLength));
        }

        public void Member(string field, string? value, IReadOnlySet<string> allowed)
        {
            if (value is null || !allowed.Contains(value))
            {
                // The value is echoed only when it is plain text: the answer must be writable whatever was sent.
                var shown = value is not null && TextRules.Problem(value, 64) is null ? $" '{value}'" : "";
                Add(field, $"Unknown value{shown}. Allowed: {string.Join(", ", allowed)}.");
            }
        }

        public void Range(string field, double? value, NumberRange range, string? message = null)
        {
            if (value is not null && !range.Contains(value.Value))
            {
                Add(field, message ?? range.Message);
            }
        }
    }
}
