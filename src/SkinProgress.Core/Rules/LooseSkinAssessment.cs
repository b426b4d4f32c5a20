using static SkinProgress.Rules.RuleSources;

namespace SkinProgress.Rules;

public enum LooseSkinTier
{
    Low,
    Moderate,
    High,
    VeryHigh,
}

/// <summary>Likelihood of loose skin from the amount lost (Giordano et al. 2013, grade C).</summary>
/// <param name="RaisedForAge">Age ≥ 50 with ΔBMI &gt; 10 raised the tier by one (ENG; Cintra et al. 2021, grade C).</param>
/// <param name="Messages">After bariatric surgery: excess skin is expected, not a failure.</param>
public sealed record LooseSkinAssessment(
    LooseSkinTier Tier,
    bool RaisedForAge,
    IReadOnlyList<RuleSource> Sources,
    IReadOnlyList<CopyLine> Messages)
{
    public const double LowMaxDeltaBmi = 5;
    public const double ModerateMaxDeltaBmi = 10;
    public const double VeryHighMinDeltaBmi = 20;
    public const double HighMinLossKg = 20;
    public const double VeryHighMinLossKg = 50;
    public const int AgeRaiseMinAge = 50;

    /// <returns>Null when the start or current weight is unknown.</returns>
    internal static LooseSkinAssessment? Assess(DerivedValues derived)
    {
        if (derived is not { DeltaBmi: { } deltaBmi, TotalLossKg: { } loss })
        {
            return null;
        }

        var tier = TierFor(deltaBmi, loss);
        var raised = derived.Age >= AgeRaiseMinAge && deltaBmi > ModerateMaxDeltaBmi && tier != LooseSkinTier.VeryHigh;
        if (raised)
        {
            tier++;
        }

        List<RuleSource> sources = [Giordano2013];
        if (raised)
        {
            sources.AddRange([AgeRaise, Cintra2021]);
        }

        CopyLine[] messages = derived.IsAfterBariatricSurgery ? [RulesCopy.ExcessSkinExpectedAfterBariatricSurgery] : [];
        return new LooseSkinAssessment(tier, raised, sources, messages);
    }

    // docs/rules.md's table leaves loss of exactly 20 kg with ΔBMI ≤ 5 in no row (low needs < 20, high needs > 20):
    // it falls through to moderate, the tier between them.
    private static LooseSkinTier TierFor(double deltaBmi, double loss) =>
        deltaBmi > VeryHighMinDeltaBmi || loss > VeryHighMinLossKg ? LooseSkinTier.VeryHigh
        : deltaBmi > ModerateMaxDeltaBmi || loss > HighMinLossKg ? LooseSkinTier.High
        : deltaBmi <= LowMaxDeltaBmi && loss < HighMinLossKg ? LooseSkinTier.Low
        : LooseSkinTier.Moderate;
}
