namespace SkinProgress.Sources;

/// <summary>
/// How many of a day's counted workouts and weigh-ins were also reported by another source, and every source that
/// reported them: what the weekly summary's line about merging adds up.
/// </summary>
public sealed record MergeTally(int Workouts, int WeighIns, IReadOnlyList<string> Sources)
{
    public static readonly MergeTally None = new(0, 0, []);

    public bool Any => Workouts > 0 || WeighIns > 0;
}
