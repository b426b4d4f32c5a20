namespace SkinProgress.Contracts;

/// <summary>
/// A verified webhook named something that changed for a live connection: the Worker fetches it with the owner's
/// token (the webhook's payload is never taken as data). <c>Kind</c> is the name of the provider contract's
/// NotificationKind (ObjectChanged, ObjectDeleted, RangeChanged, Deauthorized).
/// </summary>
public sealed record ProviderNotified(
    Guid ConnectionId,
    Guid UserId,
    string Provider,
    string OwnerId,
    string Kind,
    string? ObjectId,
    DateTimeOffset? From,
    DateTimeOffset? To,
    DateTimeOffset ReceivedAt);
