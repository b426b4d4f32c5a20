namespace SkinProgress.Summaries;

/// <summary>Trend of a metric against its baseline.</summary>
public static class Trends
{
    /// <summary>Within ±5 % of the baseline counts as flat (ENG: our engineering default, no source).</summary>
    public const double FlatFraction = 0.05;

    /// <summary>
    /// Weight moves slowly: a guideline pace of 0.5–1 kg a week is about 1 % of body weight, so within ±0.5 %
    /// counts as flat for weight (ENG), or a steady loss would read as "about the same".
    /// </summary>
    public const double WeightFlatFraction = 0.005;

    /// <returns><see cref="Trend.None"/> without a value or a baseline; a zero baseline is flat only at zero.</returns>
    public static Trend Of(double? value, double? baseline, double flatFraction = FlatFraction)
    {
        if (value is not { } v || baseline is not { } b)
        {
            return Trend.None;
        }

        return Math.Abs(v - b) <= flatFraction * Math.Abs(b) ? Trend.Flat
            : v > b ? Trend.Up
            : Trend.Down;
    }
}
