using SkinProgress.Contracts;
using SkinProgress.Data.Events;
using SkinProgress.Days;

namespace SkinProgress.Worker.Scoring;

/// <summary>
/// The events of a group of messages as rows of one upsert. An upsert may touch a row only once, so each (user,
/// source, id) appears once: the version accepted last, as the store would keep across separate groups (of two
/// accepted at the same instant, the one delivered last).
/// </summary>
internal static class EventRows
{
    public static List<RawEvent> From(IEnumerable<EventBatchReceived> batches, IReadOnlyDictionary<Guid, TimeZoneInfo> zones)
    {
        var latest = new Dictionary<(Guid, string, string), (EventBatchReceived Batch, HealthEvent Event)>();
        foreach (var batch in batches)
        {
            foreach (var e in batch.Events)
            {
                var key = (batch.UserId, batch.Source, e.Id);
                if (!latest.TryGetValue(key, out var seen) || seen.Batch.ReceivedAt <= batch.ReceivedAt)
                {
                    latest[key] = (batch, e);
                }
            }
        }

        return [.. latest.Values.Select(v => RawEvent.From(v.Batch.UserId, v.Batch.DeviceId, v.Batch.Source,
            LocalDay.Of(v.Event.OccurredAt, zones[v.Batch.UserId]), v.Batch.ReceivedAt, v.Event))];
    }
}
