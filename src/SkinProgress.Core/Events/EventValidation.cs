using SkinProgress.Contracts;

namespace SkinProgress.Events;

/// <summary>The outcome of validating one event: the event, or the errors keyed by field name.</summary>
public sealed record EventValidation(string? Id, HealthEvent? Event, IReadOnlyDictionary<string, string[]> Errors)
{
    public bool IsValid => Event is not null;
}
