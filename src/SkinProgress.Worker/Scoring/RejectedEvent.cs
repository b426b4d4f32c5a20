using SkinProgress.Contracts;

namespace SkinProgress.Worker.Scoring;

/// <summary>An event of an accepted message that cannot be stored, and why; it goes to the error queue alone.</summary>
public sealed record RejectedEvent(HealthEvent Event, string Reason);
