using System.Globalization;
using System.Text;

namespace SkinProgress.Bench.Ingest;

/// <summary>What one event adds to its day, so the client can compute the totals it expects.</summary>
public readonly record struct EventFigures(int Meals, double ProteinGrams, double FluidsMl);

/// <summary>
/// One request's events, all on one UTC day: a rotation of workouts, meals and drinks like a device's daily sync,
/// with the day's weigh-in in the second workout's slot. The body is built once and re-sent unchanged on every retry,
/// as a device would.
/// </summary>
public sealed class EventBatch
{
    private EventBatch(int user, DateOnly date, string idPrefix, int count, byte[] body, EventFigures figures)
    {
        User = user;
        Date = date;
        IdPrefix = idPrefix;
        Count = count;
        Body = body;
        Figures = figures;
    }

    public int User { get; }
    public DateOnly Date { get; }
    public string IdPrefix { get; }
    public int Count { get; }
    public byte[] Body { get; }
    public EventFigures Figures { get; }

    public static string EventId(string idPrefix, int index) => string.Create(CultureInfo.InvariantCulture, $"{idPrefix}-{index}");

    /// <summary>
    /// <paramref name="mirror"/> 0 is the batch as one source reports it; mirror m &gt; 0 is what another source of the
    /// same person reports about the same day, close enough that merging counts it once: workouts start m minutes
    /// later with durations 10 % longer or shorter (the workout rule allows 20 %), the weigh-in m × 2 minutes later and
    /// m × 0.1 kg off (the rule allows 15 minutes and 0.5 kg), meals and drinks mirrored unchanged, as apps mirror
    /// whole days into an aggregator.
    /// </summary>
    public static EventBatch Create(int user, DateOnly date, string idPrefix, int count, int mirror = 0)
    {
        var json = new StringBuilder(count * 130).Append("{\"events\":[");
        int meals = 0;
        double protein = 0, fluids = 0;
        var day = date.ToDateTime(TimeOnly.MinValue, DateTimeKind.Utc);
        for (var i = 0; i < count; i++)
        {
            if (i > 0)
            {
                json.Append(',');
            }

            // Spread over the day by the index, so every event of the batch lands on the batch's date.
            var start = day.AddSeconds(i * 86_000.0 / count + 60);
            var at = Timestamp(start);
            var id = EventId(idPrefix, i);
            switch (i % 3)
            {
                case 0 when i == 3:
                    var kg = 80 + date.DayNumber % 10 + mirror * 0.1;
                    json.Append(CultureInfo.InvariantCulture,
                        $"{{\"id\":\"{id}\",\"type\":\"weight\",\"occurredAt\":\"{Timestamp(start.AddMinutes(mirror * 2))}\",\"weightKg\":{kg}}}");
                    break;
                case 0:
                    var minutes = (10 + (i % 7)) * (mirror == 0 ? 1 : mirror % 2 == 1 ? 1.1 : 0.9);
                    json.Append(CultureInfo.InvariantCulture,
                        $"{{\"id\":\"{id}\",\"type\":\"workout\",\"occurredAt\":\"{Timestamp(start.AddMinutes(mirror))}\",\"activity\":\"running\",\"durationMinutes\":{minutes:0.#}}}");
                    break;
                case 1:
                    var grams = 5 + (i % 11) * 2.5;
                    meals++;
                    protein += grams;
                    json.Append(CultureInfo.InvariantCulture,
                        $"{{\"id\":\"{id}\",\"type\":\"meal\",\"occurredAt\":\"{at}\",\"proteinGrams\":{grams}}}");
                    break;
                default:
                    var ml = 100 + (i % 5) * 50;
                    fluids += ml;
                    json.Append(CultureInfo.InvariantCulture,
                        $"{{\"id\":\"{id}\",\"type\":\"hydration\",\"occurredAt\":\"{at}\",\"volumeMl\":{ml}}}");
                    break;
            }
        }

        json.Append("]}");
        return new EventBatch(user, date, idPrefix, count, Encoding.UTF8.GetBytes(json.ToString()), new EventFigures(meals, protein, fluids));
    }

    private static string Timestamp(DateTime at) => at.ToString("yyyy-MM-ddTHH:mm:ss'Z'", CultureInfo.InvariantCulture);
}
