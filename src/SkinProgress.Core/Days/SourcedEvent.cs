using SkinProgress.Contracts;

namespace SkinProgress.Days;

/// <summary>
/// A stored event with who reported it: the device (or connection) it came through, which is what makes two
/// reports "from different sources", and that source's name, which is what the user's priorities rank.
/// </summary>
public sealed record SourcedEvent(Guid DeviceId, string Source, DateOnly LocalDate, HealthEvent Event);
