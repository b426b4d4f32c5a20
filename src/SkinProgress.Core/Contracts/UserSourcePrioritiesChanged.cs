namespace SkinProgress.Contracts;

/// <summary>
/// The user's source priorities changed: which report of a merged workout, weigh-in or day of eating counts may be
/// different on every day, so every day is computed again, on the same per-user serialized path as event batches.
/// </summary>
public sealed record UserSourcePrioritiesChanged(Guid UserId, DateTimeOffset ChangedAt);
