namespace SkinProgress.Data.Users;

public sealed class Device
{
    public Guid Id { get; set; }
    public Guid UserId { get; set; }
    public required string Name { get; set; }
    public required string Source { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
    public DateTimeOffset? LastEventAt { get; set; }
    public DateTimeOffset? LastImportAt { get; set; }
}
