namespace SkinProgress.Contracts;

/// <summary>
/// A person connected (or connected again) their account at a provider: the Worker starts the connection's backfill
/// over the window stored with it. The connection's row, not this message, is the backfill's record, so a backfill
/// whose message was lost is still found and resumed there.
/// </summary>
public sealed record ConnectionAuthorized(
    Guid ConnectionId,
    Guid UserId,
    string Provider,
    Guid DeviceId,
    DateTimeOffset BackfillFrom,
    DateTimeOffset BackfillTo,
    DateTimeOffset AuthorizedAt);
