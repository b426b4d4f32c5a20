namespace SkinProgress.Summaries;

/// <summary>Trend of a metric against its baseline.</summary>
public static class Trends
{
    /// <summary>Within ±5 % of the baseline counts as flat (ENG: our engineering default, no source).</summary>
    public const double FlatFraction = 0.05;

    /// <returns><see cref="Trend.None"/> without a value or a baseline; a zero baseline is flat only at zero.</returns>
    public static Trend Of(double? value, double? baseline)
    {
        if (value is not { } v || baseline is not { } b)
        {
            return Trend.None;
        }

        return Math.Abs(v - b) <= FlatFraction * Math.Abs(b) ? Trend.Flat
            : v > b ? Trend.Up
            : Trend.Down;
    }
}
