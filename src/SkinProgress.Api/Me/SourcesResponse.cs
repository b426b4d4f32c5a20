using SkinProgress.Sources;

namespace SkinProgress.Api.Me;

/// <summary>The order that applies per data type, highest first: the user's list followed by the default's remaining sources.</summary>
public sealed record SourcesResponse(IReadOnlyList<string> Workout, IReadOnlyList<string> Weight, IReadOnlyList<string> Nutrition)
{
    public static SourcesResponse From(SourcePriorities priorities)
    {
        ArgumentNullException.ThrowIfNull(priorities);
        return new(priorities.Effective(PriorityKind.Workout), priorities.Effective(PriorityKind.Weight), priorities.Effective(PriorityKind.Nutrition));
    }
}
