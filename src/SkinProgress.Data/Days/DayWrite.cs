using SkinProgress.Days;
using SkinProgress.Sources;

namespace SkinProgress.Data.Days;

/// <summary>One recomputed day to store: its totals and, when computed with sources merged, why it adds up so.</summary>
public sealed record DayWrite(Guid User, DailyTotals Day, DayExplanation? Explanation = null);
