namespace SkinProgress.Data.Events;

/// <summary>
/// An event as the device last sent it, keyed by (user, source, external id). The payload is the
/// validated event as JSON; its hash tells a changed re-send (replace) from an identical one (no-op).
/// </summary>
public sealed class RawEvent
{
    public Guid UserId { get; set; }
    public required string Source { get; set; }
    public required string ExternalId { get; set; }
    public Guid DeviceId { get; set; }
    public required string Type { get; set; }
    public DateTimeOffset OccurredAt { get; set; }
    public DateOnly LocalDate { get; set; }
    public required string Payload { get; set; }
    public required byte[] ContentHash { get; set; }
    public DateTimeOffset ReceivedAt { get; set; }
}
