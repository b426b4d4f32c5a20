using SkinProgress.Contracts;

namespace SkinProgress.Connections;

/// <summary>
/// Fetched data as ordinary events (the provider's own object id as the event id, so a re-sent or edited object
/// replaces the old one) and the ids of events the provider no longer has.
/// </summary>
public sealed record ProviderChanges(IReadOnlyList<HealthEvent> Events, IReadOnlyList<string> RemovedIds)
{
    public static readonly ProviderChanges None = new([], []);
}
