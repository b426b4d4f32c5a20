namespace SkinProgress.Sources;

/// <summary>
/// How far a day reaches. Whether an event counts depends only on the events it matches (a one-hop rule, see
/// <see cref="SourceMerge"/>), and a matching workout starts less than a day (the longest workout) from it; a
/// weigh-in's match is within 15 minutes. A day apart in time is at most two local dates apart even across a
/// daylight-saving change or a zone's skipped day, so two days either side always hold every match.
/// </summary>
public static class MergeWindow
{
    public const int DaysAround = 2;

    /// <summary>The local days to read to compute day <paramref name="date"/>.</summary>
    public static (DateOnly From, DateOnly To) ToRead(DateOnly date) => (date.AddDays(-DaysAround), date.AddDays(DaysAround));

    /// <summary>The local days to recompute when an event on <paramref name="date"/> arrives, changes or leaves (the relation is symmetric).</summary>
    public static (DateOnly From, DateOnly To) Affected(DateOnly date) => ToRead(date);
}
