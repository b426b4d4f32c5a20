namespace SkinProgress.Sources;

/// <summary>The data types a user ranks their sources for: each has its own order, as a scale is trusted for weight but not for runs.</summary>
public enum PriorityKind
{
    Workout,
    Weight,
    Nutrition,
}
