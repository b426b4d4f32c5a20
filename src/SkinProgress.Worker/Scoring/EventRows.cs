using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using SkinProgress.Contracts;
using SkinProgress.Days;

namespace SkinProgress.Worker.Scoring;

/// <summary>
/// The events of a group of messages as the columns of one <c>unnest</c> upsert. An upsert may touch a row only
/// once, so each (user, source, id) appears once: the last version in delivery order wins, as it would across
/// separate messages.
/// </summary>
internal sealed class EventRows
{
    public List<Guid> Users { get; } = [];
    public List<string> Sources { get; } = [];
    public List<string> Ids { get; } = [];
    public List<Guid> Devices { get; } = [];
    public List<string> Types { get; } = [];
    public List<DateTimeOffset> Occurred { get; } = [];
    public List<DateOnly> Dates { get; } = [];
    public List<string> Payloads { get; } = [];
    public List<byte[]> Hashes { get; } = [];
    public List<DateTimeOffset> Received { get; } = [];

    public int Count => Ids.Count;

    public static EventRows From(IEnumerable<EventBatchReceived> batches, IReadOnlyDictionary<Guid, TimeZoneInfo> zones)
    {
        var last = new Dictionary<(Guid, string, string), (EventBatchReceived Batch, HealthEvent Event)>();
        foreach (var batch in batches)
        {
            foreach (var e in batch.Events)
            {
                last[(batch.UserId, batch.Source, e.Id)] = (batch, e);
            }
        }

        var rows = new EventRows();
        foreach (var (batch, e) in last.Values)
        {
            var payload = JsonSerializer.Serialize(e, EventStore.PayloadJson);
            rows.Users.Add(batch.UserId);
            rows.Sources.Add(batch.Source);
            rows.Ids.Add(e.Id);
            rows.Devices.Add(batch.DeviceId);
            rows.Types.Add(e.Type);
            rows.Occurred.Add(e.OccurredAt.ToUniversalTime());
            rows.Dates.Add(LocalDay.Of(e.OccurredAt, zones[batch.UserId]));
            rows.Payloads.Add(payload);
            rows.Hashes.Add(SHA256.HashData(Encoding.UTF8.GetBytes(payload)));
            rows.Received.Add(batch.ReceivedAt.ToUniversalTime());
        }

        return rows;
    }
}
