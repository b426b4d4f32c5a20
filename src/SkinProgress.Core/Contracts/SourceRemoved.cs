namespace SkinProgress.Contracts;

/// <summary>
/// A device or connection was removed (disconnected, deauthorised at the provider): every event it reported is
/// removed and the days they were on recomputed, on the serialized scoring path.
/// </summary>
public sealed record SourceRemoved(Guid UserId, Guid DeviceId, DateTimeOffset RemovedAt);
