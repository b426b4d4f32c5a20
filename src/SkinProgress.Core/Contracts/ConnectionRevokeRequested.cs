namespace SkinProgress.Contracts;

/// <summary>
/// A connection was removed (disconnected, or its user erased): the Worker revokes the grant at the provider. The
/// tokens are deleted from the database when the connection is removed, so the message carries them, still protected
/// with the shared Data Protection key ring (the same payloads the connection stored): the broker never holds a token
/// in the clear, and an erased user's tokens outlive the erasure only inside this one message.
/// </summary>
public sealed record ConnectionRevokeRequested(
    Guid ConnectionId,
    Guid UserId,
    string Provider,
    string OwnerId,
    string? ProtectedAccessToken,
    string? ProtectedRefreshToken,
    DateTimeOffset RequestedAt);
