using SkinProgress.Rules;
using static SkinProgress.Core.Tests.Rules.Scenario;

namespace SkinProgress.Core.Tests.Rules;

public sealed class DerivedValuesTests
{
    [Fact]
    public void SmoothedWeight_IsMeanOfWeighInsInTrailing28Days()
    {
        var derived = new Scenario()
            .Weight(WeekEnd.AddDays(-28), 200)
            .Weight(WeekEnd.AddDays(-27), 90)
            .Weight(WeekEnd.AddDays(-10), 86)
            .Weight(WeekEnd, 85)
            .Weight(WeekEnd.AddDays(1), 10)
            .Evaluate().Derived;

        Assert.Equal(87.0, derived.SmoothedWeightKg!.Value, 9);
    }

    [Fact]
    public void SmoothedWeight_IsNull_WhenNoWeighInInTrailing28Days()
    {
        var derived = new Scenario().Start(120).Weight(WeekEnd.AddDays(-28), 100).Evaluate().Derived;

        Assert.Null(derived.SmoothedWeightKg);
        Assert.Null(derived.Bmi);
        Assert.Null(derived.TotalLossKg);
        Assert.Null(derived.LossRateKgPerWeek);
    }

    [Fact]
    public void BmiAndReferenceWeight_FollowHeight()
    {
        var derived = new Scenario().Current(100).Evaluate().Derived;
        var shorter = new Scenario().Profile(p => p with { HeightCm = 170 }).Evaluate().Derived;

        Assert.Equal(25.0, derived.Bmi!.Value, 9);
        Assert.Equal(100.0, derived.ReferenceWeightKg, 9);
        Assert.Equal(72.25, shorter.ReferenceWeightKg, 9);
    }

    [Fact]
    public void LossFigures_FollowStartAndSmoothedWeight()
    {
        var derived = new Scenario().Start(150).Current(120).Evaluate().Derived;

        Assert.Equal(30.0, derived.TotalLossKg!.Value, 9);
        Assert.Equal(20.0, derived.TwlPercent!.Value, 9);
        Assert.Equal(50.0, derived.ExcessWeightKg!.Value, 9);
        Assert.Equal(60.0, derived.EwlPercent!.Value, 9);
        Assert.Equal(7.5, derived.DeltaBmi!.Value, 9);
    }

    [Theory]
    [InlineData(100)]
    [InlineData(90)]
    public void Ewl_IsAbsent_WhenExcessIsZeroOrLess(double start)
    {
        var derived = new Scenario().Start(start).Current(85).Evaluate().Derived;

        Assert.Null(derived.EwlPercent);
        Assert.NotNull(derived.TotalLossKg);
    }

    [Fact]
    public void StartWeight_IsFirstWeighIn_WhenProfileHasNone()
    {
        var derived = new Scenario().Weight(WeekEnd.AddDays(-100), 130).Current(120).Evaluate().Derived;

        Assert.Equal(130.0, derived.StartWeightKg);
        Assert.Equal(10.0, derived.TotalLossKg!.Value, 9);
    }

    [Fact]
    public void LossRate_IsChangeOfSmoothedWeightOverFourWeeks_DividedByFour()
    {
        var derived = new Scenario().Weight(WeekEnd.AddDays(-28), 84).Current(80).Evaluate().Derived;

        Assert.Equal(1.0, derived.LossRateKgPerWeek!.Value, 9);
    }

    [Fact]
    public void WeeksStable_Is13_WhenSameWeightFor91Days()
    {
        Assert.Equal(13, new Scenario().DailyWeight(80, days: 91).Evaluate().Derived.WeeksStable);
    }

    [Fact]
    public void WeeksStable_Is12_WhenSameWeightFor90Days()
    {
        Assert.Equal(12, new Scenario().DailyWeight(80, days: 90).Evaluate().Derived.WeeksStable);
    }

    [Fact]
    public void WeeksStable_IncludesMoveOfExactly2Kg()
    {
        var derived = new Scenario().DailyWeight(82.0, days: 200, endingDaysBeforeWeekEnd: 71).DailyWeight(80, days: 70)
            .Evaluate().Derived;

        Assert.Equal(28, derived.WeeksStable);
    }

    [Fact]
    public void WeeksStable_StopsWhereSmoothedWeightMovedMoreThan2Kg()
    {
        var derived = new Scenario().DailyWeight(82.01, days: 200, endingDaysBeforeWeekEnd: 71).DailyWeight(80, days: 70)
            .Evaluate().Derived;

        // The first all-82.01 smoothed value is 71 days back, so the stable window starts 70 days back.
        Assert.Equal(10, derived.WeeksStable);
    }

    [Fact]
    public void WeeksStable_UsesTwoPercent_WhenLargerThan2Kg()
    {
        var heavy = new Scenario().DailyWeight(152.5, days: 200, endingDaysBeforeWeekEnd: 71).DailyWeight(150, days: 70)
            .Evaluate().Derived;
        var light = new Scenario().DailyWeight(82.5, days: 200, endingDaysBeforeWeekEnd: 71).DailyWeight(80, days: 70)
            .Evaluate().Derived;

        Assert.Equal(28, heavy.WeeksStable);
        Assert.True(light.WeeksStable < 28);
    }

    [Fact]
    public void Age_IsEvaluatedYearMinusBirthYear()
    {
        Assert.Equal(46, new Scenario().Evaluate().Derived.Age);
    }

    [Fact]
    public void Mwl_IsTrue_WhenLoss45Kg()
    {
        // Start 200 kg: excess 100 kg, so 45 kg is only 45 % EWL and the loss criterion alone fires.
        Assert.True(new Scenario().Start(200).Current(155).Evaluate().Derived.IsMassiveWeightLoss);
    }

    [Fact]
    public void Mwl_IsFalse_WhenLoss44Point99Kg()
    {
        Assert.False(new Scenario().Start(200).Current(155.01).Evaluate().Derived.IsMassiveWeightLoss);
    }

    [Fact]
    public void Mwl_IsTrue_WhenEwl50Percent()
    {
        Assert.True(new Scenario().Start(120).Current(110).Evaluate().Derived.IsMassiveWeightLoss);
    }

    [Fact]
    public void Mwl_IsFalse_WhenEwlJustBelow50Percent()
    {
        Assert.False(new Scenario().Start(120).Current(110.01).Evaluate().Derived.IsMassiveWeightLoss);
    }

    [Fact]
    public void AfterBariatricSurgery_IsFalse_WhenSurgeryIsAfterTheWeek()
    {
        var planned = new Scenario().Profile(p => p with { BariatricSurgeryDate = WeekEnd.AddDays(1) }).Evaluate().Derived;
        var done = new Scenario().Profile(p => p with { BariatricSurgeryDate = WeekEnd }).Evaluate().Derived;

        Assert.False(planned.IsAfterBariatricSurgery);
        Assert.True(done.IsAfterBariatricSurgery);
    }
}
