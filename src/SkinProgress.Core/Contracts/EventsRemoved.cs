namespace SkinProgress.Contracts;

/// <summary>
/// Events a source no longer has (a device deleted one, a provider deleted an activity): stored events of the user
/// under that source with these ids are removed and their days recomputed, on the same serialized scoring path
/// as new events, so a removal and a re-send of the same event are applied in the order they were accepted.
/// </summary>
public sealed record EventsRemoved(Guid UserId, Guid DeviceId, string Source, IReadOnlyList<string> Ids, DateTimeOffset RemovedAt);
