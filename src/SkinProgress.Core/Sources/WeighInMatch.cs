using SkinProgress.Contracts;

namespace SkinProgress.Sources;

/// <summary>When two weigh-ins from different sources are one step on the scale: within 15 minutes and 0.5 kg of each other.</summary>
public static class WeighInMatch
{
    public static readonly TimeSpan TimeTolerance = TimeSpan.FromMinutes(15);
    public const double KgTolerance = 0.5;

    /// <summary>Weights are compared to the gram: 80.1 and 80.6 are 0.5 kg apart though their doubles differ by a little less or more.</summary>
    public static bool AreSame(HealthEvent a, HealthEvent b)
    {
        ArgumentNullException.ThrowIfNull(a);
        ArgumentNullException.ThrowIfNull(b);
        return a.Weight is { } wa && b.Weight is { } wb
            && (a.OccurredAt - b.OccurredAt).Duration() <= TimeTolerance
            && Math.Abs(Math.Round(wa.WeightKg * 1000) - Math.Round(wb.WeightKg * 1000)) <= KgTolerance * 1000;
    }
}
