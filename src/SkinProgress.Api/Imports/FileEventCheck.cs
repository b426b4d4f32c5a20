using System.Text.Json;
using System.Text.Json.Nodes;
using SkinProgress.Contracts;
using SkinProgress.Events;

namespace SkinProgress.Api.Imports;

/// <summary>
/// Holds events read from a file to exactly the rules of <c>POST /v1/events</c> (ranges, and times between 2000
/// and 24 hours ahead): each event is written in the ingest wire shape and validated by the same validator, so
/// the two ways in can never drift apart.
/// </summary>
public static class FileEventCheck
{
    public static EventValidation Validate(HealthEvent healthEvent, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(healthEvent);
        object? part = (object?)healthEvent.Workout ?? (object?)healthEvent.Meal ?? (object?)healthEvent.Hydration
            ?? (object?)healthEvent.Weight ?? healthEvent.SkinCheck;
        var wire = part is null ? [] : JsonSerializer.SerializeToNode(part, part.GetType(), JsonSerializerOptions.Web)!.AsObject();
        wire["id"] = healthEvent.Id;
        wire["type"] = healthEvent.Type;
        wire["occurredAt"] = healthEvent.OccurredAt;
        return EventValidator.Validate(JsonSerializer.SerializeToElement(wire, JsonSerializerOptions.Web), now);
    }
}
