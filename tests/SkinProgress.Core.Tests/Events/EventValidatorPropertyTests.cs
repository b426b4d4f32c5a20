using System.Text.Json;
using System.Text.Json.Nodes;
using CsCheck;
using SkinProgress.Contracts;
using SkinProgress.Events;

namespace SkinProgress.Core.Tests.Events;

/// <summary>
/// The JSON and the typed entry points of <see cref="EventValidator"/> are one set of rules: generated events, most
/// of them near or past a limit, get the same verdict either way, and the validator answers whatever it is given.
/// </summary>
public sealed class EventValidatorPropertyTests
{
    private static readonly DateTimeOffset Now = new(2026, 5, 1, 12, 0, 0, TimeSpan.Zero);

    /// <summary>Numbers on both sides of every limit of the contract, and the values no store can hold.</summary>
    private static readonly Gen<double> Number = Gen.Frequency(
        (3, Gen.OneOf(-1d, 0d, 0.1, 1, 19.9, 20, 75, 75.1, 250, 250.1, 400, 400.1, 500, 500.1, 1000, 1000.1, 1440, 1440.1, 2000, 5000, 5000.1, 10000, 20000, 20000.1)),
        (2, Gen.Double[-100, 25000]),
        (1, Gen.OneOf(double.NaN, double.PositiveInfinity, double.NegativeInfinity, double.MaxValue, double.Epsilon)));

    private static readonly Gen<string> Text = Gen.Frequency(
        (6, Gen.String[Gen.Char['a', 'z'], 1, 12]),
        (1, Gen.Const("")),
        (1, Gen.String[Gen.Char['a', 'z'], 125, 210]),
        (2, Gen.String[Gen.Char[(char)0, (char)0x9f], 1, 4]));

    private static Gen<string> OneOfOrText(IEnumerable<string> values) =>
        Gen.Frequency((4, Gen.OneOf([.. values])), (1, Text));

    private static readonly Gen<DateTimeOffset> Time = Gen.Frequency(
        (4, Gen.Long[Now.AddDays(-400).UtcTicks, Now.AddHours(24).UtcTicks].Select(t => new DateTimeOffset(t, TimeSpan.Zero))),
        (1, Gen.OneOf(EventLimits.Earliest, EventLimits.Earliest.AddSeconds(-1), Now.AddHours(24), Now.AddHours(24).AddSeconds(1))),
        (1, Gen.Int[-14 * 60, 14 * 60].Select(m => new DateTimeOffset(Now.UtcDateTime.Ticks, TimeSpan.Zero).ToOffset(TimeSpan.FromMinutes(m)))));

    private static readonly Gen<HealthEvent> Event =
        Gen.Select(Text, Time, Gen.Int[0, 4], Gen.Select(OneOfOrText(Activities.All), Number, Number.Nullable(), Number.Nullable(), Gen.Int[0, 300].Nullable()),
                Gen.Select(Number, Number.Nullable(), Number.Nullable(), Text.Null()), Number, Gen.Select(Number, Number.Nullable()),
                Gen.Select(Gen.Dictionary(OneOfOrText(SkinRegions.All), Gen.Int[-1, 4])[0, 3], OneOfOrText(Symptoms.All).List[0, 3]))
            .Select(t =>
            {
                var (id, at, kind, workout, meal, volume, weight, skin) = t;
                var common = new HealthEvent(id, EventTypes.All.Order(StringComparer.Ordinal).ElementAt(kind), at);
                return common.Type switch
                {
                    EventTypes.Workout => common with { Workout = new Workout(workout.Item1, workout.Item2, null, workout.Item3, workout.Item4, workout.Item5) },
                    EventTypes.Meal => common with { Meal = new Meal(meal.Item1, meal.Item2, meal.Item3, null, null, meal.Item4) },
                    EventTypes.Hydration => common with { Hydration = new Hydration(volume) },
                    EventTypes.Weight => common with { Weight = new Weight(weight.Item1, weight.Item2) },
                    _ => common with { SkinCheck = new SkinCheck(skin.Item1, skin.Item2) },
                };
            });

    [Fact]
    public void TypedAndJsonValidation_GiveTheSameVerdict_ForEveryEvent()
    {
        Event.Sample(e =>
        {
            var typed = EventValidator.Validate(e, Now);
            var wire = Wire(e);
            if (wire is null)
            {
                // JSON cannot carry NaN or the infinities at all: only the typed way in can meet them.
                return !typed.IsValid;
            }

            using var document = JsonDocument.Parse(wire.ToJsonString());
            var json = EventValidator.Validate(document.RootElement, Now);
            return typed.IsValid == json.IsValid
                && typed.Errors.Keys.Order(StringComparer.Ordinal).SequenceEqual(json.Errors.Keys.Order(StringComparer.Ordinal));
        }, iter: 20_000, print: e => Wire(e)?.ToJsonString() ?? e.ToString());
    }

    [Fact]
    public void ValidatedJsonEvent_PassesTheTypedRulesUnchanged()
    {
        Event.Select(Wire).Where(w => w is not null).Sample(wire =>
        {
            using var document = JsonDocument.Parse(wire!.ToJsonString());
            var json = EventValidator.Validate(document.RootElement, Now);
            return !json.IsValid || EventValidator.Validate(json.Event!, Now).IsValid;
        }, iter: 10_000);
    }

    [Fact]
    public void Validate_AnswersEveryJsonValue_WithoutThrowing()
    {
        var leaf = Gen.Frequency(
            (2, Text.Select(s => (JsonNode?)JsonValue.Create(s))),
            (2, Gen.Double[-1e6, 1e6].Select(d => (JsonNode?)JsonValue.Create(d))),
            (1, Gen.Bool.Select(b => (JsonNode?)JsonValue.Create(b))),
            (1, Gen.Const((JsonNode?)null)),
            (1, Gen.Const<JsonNode?>(() => new JsonArray())),
            (1, Gen.Const<JsonNode?>(() => new JsonObject())));
        var field = Gen.OneOf("id", "type", "occurredAt", "activity", "durationMinutes", "intensity", "distanceKm", "energyKcal",
            "avgHeartRate", "proteinGrams", "name", "volumeMl", "weightKg", "bodyFatPercent", "regions", "symptoms", "other");
        var type = Gen.OneOf([.. EventTypes.All, "sleep"]);
        var gen = Gen.Select(type, Gen.Dictionary(field, leaf)[0, 10]).Select((t, fields) =>
        {
            var o = new JsonObject { ["type"] = t };
            foreach (var (name, value) in fields)
            {
                o[name] = value?.DeepClone();
            }

            return o.ToJsonString();
        });

        gen.Sample(json =>
        {
            using var document = JsonDocument.Parse(json);
            var result = EventValidator.Validate(document.RootElement, Now);
            return result.IsValid == (result.Event is not null) && (result.IsValid || result.Errors.Count > 0);
        }, iter: 20_000);
    }

    /// <summary>The event as a device would send it; null when JSON cannot carry a value.</summary>
    private static JsonObject? Wire(HealthEvent e)
    {
        object? part = (object?)e.Workout ?? (object?)e.Meal ?? (object?)e.Hydration ?? (object?)e.Weight ?? e.SkinCheck;
        var numbers = part?.GetType().GetProperties().Select(p => p.GetValue(part)).OfType<double>() ?? [];
        if (numbers.Any(n => !double.IsFinite(n)))
        {
            return null;
        }

        var wire = part is null ? [] : JsonSerializer.SerializeToNode(part, part.GetType(), JsonSerializerOptions.Web)!.AsObject();
        wire["id"] = e.Id;
        wire["type"] = e.Type;
        wire["occurredAt"] = e.OccurredAt.ToString("yyyy-MM-dd'T'HH:mm:ss.FFFFFFFzzz", System.Globalization.CultureInfo.InvariantCulture);
        return wire;
    }
}
