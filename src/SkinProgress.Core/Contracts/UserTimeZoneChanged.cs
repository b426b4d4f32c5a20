namespace SkinProgress.Contracts;

/// <summary>
/// The profile's time zone changed: every local day of the user must be derived again.
/// Goes through the same per-user serialized consumer as event batches so the two never interleave.
/// </summary>
public sealed record UserTimeZoneChanged(Guid UserId, string TimeZoneId, DateTimeOffset ChangedAt);
