namespace SkinProgress.Connections;

/// <summary>
/// What a verified webhook names: the owner, and either one object (created, updated or deleted), a time range to
/// fetch, or the end of the grant. Carried to the Worker as a message; the Worker fetches the data itself.
/// </summary>
public sealed record ProviderNotification(
    string Provider,
    string OwnerId,
    NotificationKind Kind,
    string? ObjectId = null,
    DateTimeOffset? From = null,
    DateTimeOffset? To = null);
