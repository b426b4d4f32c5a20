using System.Globalization;
using System.Text;

namespace SkinProgress.Bench.Ingest;

/// <summary>What one event adds to its day, so the client can compute the totals it expects.</summary>
public readonly record struct EventFigures(int Meals, double ProteinGrams, double FluidsMl);

/// <summary>
/// One request's events, all on one UTC day: a rotation of workouts, meals and drinks like a device's daily sync.
/// The body is built once and re-sent unchanged on every retry, as a device would.
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

    public static EventBatch Create(int user, DateOnly date, string idPrefix, int count)
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
            var at = day.AddSeconds(i * 86_000.0 / count + 60).ToString("yyyy-MM-ddTHH:mm:ss'Z'", CultureInfo.InvariantCulture);
            var id = EventId(idPrefix, i);
            switch (i % 3)
            {
                case 0:
                    json.Append(CultureInfo.InvariantCulture,
                        $"{{\"id\":\"{id}\",\"type\":\"workout\",\"occurredAt\":\"{at}\",\"activity\":\"running\",\"durationMinutes\":{10 + (i % 7)}}}");
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
}
