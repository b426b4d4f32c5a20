using SkinProgress.Sources;

namespace SkinProgress.Data.Users;

/// <summary>What scoring needs to merge a user's reports: their priorities, and whether they have more than one source at all.</summary>
public sealed record UserSources(SourcePriorities Priorities, bool Several);
