using SkinProgress.Rules;

namespace SkinProgress.Core.Tests.Rules;

/// <summary>
/// ΔBMI rows use a 125 cm person (height² = 1.5625, exact in binary) so ΔBMI crosses 10 and 20 while the
/// loss stays under the kg thresholds; kg rows use the default 200 cm person.
/// </summary>
public sealed class LooseSkinTierTests
{
    private const double ShortHeightCm = 125;

    [Fact]
    public void Tier_IsLow_WhenDeltaBmi5AndLossUnder20Kg() =>
        Assert.Equal(LooseSkinTier.Low, Tier(ShortHeightCm, start: 70, loss: 7.8125));

    [Fact]
    public void Tier_IsModerate_WhenDeltaBmiJustAbove5() =>
        Assert.Equal(LooseSkinTier.Moderate, Tier(ShortHeightCm, start: 70, loss: 7.83));

    [Fact]
    public void Tier_IsModerate_WhenDeltaBmi10() =>
        Assert.Equal(LooseSkinTier.Moderate, Tier(ShortHeightCm, start: 70, loss: 15.625));

    [Fact]
    public void Tier_IsHigh_WhenDeltaBmi10Point01() =>
        Assert.Equal(LooseSkinTier.High, Tier(ShortHeightCm, start: 70, loss: 15.65));

    [Fact]
    public void Tier_IsHigh_WhenLossOver20Kg() =>
        Assert.Equal(LooseSkinTier.High, Tier(200, start: 120, loss: 20.01));

    [Fact]
    public void Tier_IsLow_WhenLoss19Point99Kg() =>
        Assert.Equal(LooseSkinTier.Low, Tier(200, start: 120, loss: 19.99));

    [Fact]
    public void Tier_IsModerate_WhenLossExactly20KgWithDeltaBmi5()
    {
        // docs/rules.md's table puts this case in no row (low needs < 20 kg, high > 20 kg): it falls to the tier between.
        Assert.Equal(LooseSkinTier.Moderate, Tier(200, start: 120, loss: 20));
    }

    [Fact]
    public void Tier_IsHigh_WhenDeltaBmi20() =>
        Assert.Equal(LooseSkinTier.High, Tier(ShortHeightCm, start: 80, loss: 31.25));

    [Fact]
    public void Tier_IsVeryHigh_WhenDeltaBmi20Point01() =>
        Assert.Equal(LooseSkinTier.VeryHigh, Tier(ShortHeightCm, start: 80, loss: 31.27));

    [Fact]
    public void Tier_IsHigh_WhenLoss50Kg() =>
        Assert.Equal(LooseSkinTier.High, Tier(200, start: 160, loss: 50));

    [Fact]
    public void Tier_IsVeryHigh_WhenLossOver50Kg() =>
        Assert.Equal(LooseSkinTier.VeryHigh, Tier(200, start: 160, loss: 50.01));

    [Fact]
    public void Tier_IsRaisedToVeryHigh_WhenAge50AndDeltaBmiAbove10()
    {
        var assessment = Assess(ShortHeightCm, start: 70, loss: 15.65, birthYear: 1976);

        Assert.Equal(LooseSkinTier.VeryHigh, assessment.Tier);
        Assert.True(assessment.RaisedForAge);
        Assert.Contains(RuleSources.AgeRaise, assessment.Sources);
    }

    [Fact]
    public void Tier_IsNotRaised_WhenAge49()
    {
        var assessment = Assess(ShortHeightCm, start: 70, loss: 15.65, birthYear: 1977);

        Assert.Equal(LooseSkinTier.High, assessment.Tier);
        Assert.False(assessment.RaisedForAge);
    }

    [Fact]
    public void Tier_IsNotRaised_WhenAge50AndDeltaBmi10()
    {
        var assessment = Assess(ShortHeightCm, start: 70, loss: 15.625, birthYear: 1976);

        Assert.Equal(LooseSkinTier.Moderate, assessment.Tier);
        Assert.False(assessment.RaisedForAge);
    }

    [Fact]
    public void Tier_StaysVeryHigh_WhenRaiseWouldGoPastTheTop()
    {
        var assessment = Assess(200, start: 180, loss: 60, birthYear: 1950);

        Assert.Equal(LooseSkinTier.VeryHigh, assessment.Tier);
        Assert.False(assessment.RaisedForAge);
    }

    [Fact]
    public void Tier_IsAbsent_WhenNoWeightIsKnown() =>
        Assert.Null(new Scenario().Evaluate().LooseSkin);

    [Fact]
    public void Tier_SaysExcessSkinIsExpected_AfterBariatricSurgery()
    {
        var assessment = new Scenario().Profile(p => p with { BariatricSurgeryDate = new DateOnly(2025, 1, 1) })
            .Start(140).Current(100).Evaluate().LooseSkin!;

        Assert.Contains(RulesCopy.ExcessSkinExpectedAfterBariatricSurgery, assessment.Messages);
        Assert.Contains(RuleSources.Giordano2013, assessment.Sources);
    }

    private static LooseSkinTier Tier(double heightCm, double start, double loss) =>
        Assess(heightCm, start, loss, birthYear: 1980).Tier;

    private static LooseSkinAssessment Assess(double heightCm, double start, double loss, int birthYear) =>
        new Scenario().Profile(p => p with { HeightCm = heightCm, BirthYear = birthYear })
            .Start(start).Current(start - loss).Evaluate().LooseSkin!;
}
