using SkinProgress.Sources;

namespace SkinProgress.Data.Users;

/// <summary>
/// What scoring reads of a user under their lock: the zone that decides local days, their source priorities, and
/// whether they have more than one device or connection at all (with one, nothing can be merged).
/// </summary>
public sealed record LockedUser(TimeZoneInfo Zone, SourcePriorities Priorities, bool Several);
