namespace SkinProgress.Data.Users;

public enum KeyKind
{
    Device,
    User,
    Admin,
}

/// <summary>A bearer key. Only its SHA-256 is stored: the key itself is shown once, at creation.</summary>
public sealed class ApiKey
{
    public Guid Id { get; set; }
    public KeyKind Kind { get; set; }
    public Guid? UserId { get; set; }
    public Guid? DeviceId { get; set; }
    public required byte[] Hash { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
    public DateTimeOffset? RevokedAt { get; set; }
}
