namespace SkinProgress.Data.Connections;

/// <summary>
/// A single-use link to the connect page. Only the SHA-256 of its token is stored, as with api keys: the token is
/// 256 random bits, shown once in the link.
/// </summary>
public sealed class ConnectLink
{
    public Guid Id { get; set; }
    public Guid UserId { get; set; }
    public required byte[] Hash { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
    public DateTimeOffset ExpiresAt { get; set; }
    public DateTimeOffset? UsedAt { get; set; }
}
