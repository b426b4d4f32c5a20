namespace SkinProgress.Rules;

/// <summary>
/// Weigh-ins in date order. The rules compare smoothed weights only, never single weigh-ins,
/// because day-to-day water and scale noise is larger than a week's real change.
/// </summary>
internal sealed class WeightHistory
{
    /// <summary>Trailing window of the smoothed weight, the day itself included (ENG).</summary>
    public const int SmoothingDays = 28;

    private readonly WeighIn[] sorted;

    public WeightHistory(IEnumerable<WeighIn> weighIns) => sorted = [.. weighIns.OrderBy(w => w.Date)];

    public double? FirstWeightKg => sorted.Length == 0 ? null : sorted[0].Kg;

    /// <summary>Mean of the weights logged in the 28 days ending on <paramref name="day"/>; null when there are none.</summary>
    public double? SmoothedAt(DateOnly day)
    {
        var from = day.AddDays(1 - SmoothingDays);
        var window = sorted.Where(w => w.Date >= from && w.Date <= day).ToArray();
        return window.Length == 0 ? null : window.Average(w => w.Kg);
    }

    /// <summary>
    /// Whole weeks in the longest window ending on <paramref name="day"/> in which the smoothed weight stayed
    /// within max(2 kg, 2 % of the current smoothed weight) of itself (ENG). Walks back day by day and stops
    /// at the first day that breaks the band or has no smoothed weight, so a gap in logging ends stability.
    /// </summary>
    public int WeeksStableAt(DateOnly day)
    {
        if (SmoothedAt(day) is not { } current)
        {
            return 0;
        }

        var tolerance = Math.Max(2.0, 0.02 * current);
        var (low, high) = (current, current);
        var stableFrom = day;
        for (var d = day.AddDays(-1); SmoothedAt(d) is { } smoothed; d = d.AddDays(-1))
        {
            (low, high) = (Math.Min(low, smoothed), Math.Max(high, smoothed));
            if (high - low > tolerance)
            {
                break;
            }

            stableFrom = d;
        }

        return (day.DayNumber - stableFrom.DayNumber) / 7;
    }
}
