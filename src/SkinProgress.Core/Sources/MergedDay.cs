using SkinProgress.Days;

namespace SkinProgress.Sources;

/// <summary>A day counted across sources: its totals, each real thing once, and why.</summary>
public sealed record MergedDay(DailyTotals Totals, DayExplanation Explanation);
