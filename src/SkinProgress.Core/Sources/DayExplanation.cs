namespace SkinProgress.Sources;

/// <summary>
/// Why a day adds up as it does. <paramref name="CountedSources"/> names, per part of the day (<c>workout</c>,
/// <c>weight</c>, <c>protein</c>, <c>energy</c>, <c>fluids</c>, <c>skin_check</c>), the sources whose events
/// counted for it; <paramref name="Merged"/> lists the day's events that were the same as a counted one elsewhere.
/// </summary>
public sealed record DayExplanation(
    IReadOnlyDictionary<string, IReadOnlyList<string>> CountedSources,
    IReadOnlyList<MergedEvent> Merged,
    MergeTally Tally);
