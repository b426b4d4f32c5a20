using SkinProgress.Rules;
using static SkinProgress.Core.Tests.Rules.Scenario;

namespace SkinProgress.Core.Tests.Rules;

public sealed class WeeklyTargetsTests
{
    private static readonly DateOnly SurgeryDate = new(2026, 1, 10);

    [Fact]
    public void T1_IsMet_WhenAerobic150Minutes()
    {
        var aerobic = new Scenario().ThisWeek(minutes: 150).Evaluate().Targets.Aerobic;

        Assert.Equal(TargetStatus.Met, aerobic.Status);
        Assert.Equal(150, aerobic.Measured);
        Assert.Equal(150, aerobic.Target);
        Assert.Same(TargetRules.Aerobic, aerobic.Rule);
    }

    [Fact]
    public void T1_IsMissed_WhenAerobic149Point9Minutes()
    {
        Assert.Equal(TargetStatus.Missed, new Scenario().ThisWeek(minutes: 149.9).Evaluate().Targets.Aerobic.Status);
    }

    [Fact]
    public void T1_CountsZero_WhenTheWeekHasNoData()
    {
        var aerobic = new Scenario().Evaluate().Targets.Aerobic;

        Assert.Equal(TargetStatus.Missed, aerobic.Status);
        Assert.Equal(0, aerobic.Measured);
    }

    [Fact]
    public void T2_IsMet_WhenStrength2Days()
    {
        Assert.Equal(TargetStatus.Met, new Scenario().ThisWeek(strengthDays: 2).Evaluate().Targets.Strength.Status);
    }

    [Fact]
    public void T2_IsMissed_WhenStrength1Day()
    {
        Assert.Equal(TargetStatus.Missed, new Scenario().ThisWeek(strengthDays: 1).Evaluate().Targets.Strength.Status);
    }

    [Fact]
    public void T3_IsMet_WhenProtein1Point2GramsPerKg()
    {
        var protein = new Scenario().Current(90).ThisWeek(protein: 108).Evaluate().Targets.Protein;

        Assert.Equal(TargetStatus.Met, protein.Status);
        Assert.Equal(ProteinShortfall.None, protein.Shortfall);
        Assert.Equal(1.2, protein.GramsPerKgPerDay!.Value, 9);
        Assert.Equal(90, protein.BasisWeightKg);
    }

    [Fact]
    public void T3_FlagsSoft_WhenProteinJustBelow1Point2GramsPerKg()
    {
        var protein = new Scenario().Current(90).ThisWeek(protein: 107.9).Evaluate().Targets.Protein;

        Assert.Equal(TargetStatus.Missed, protein.Status);
        Assert.Equal(ProteinShortfall.Soft, protein.Shortfall);
    }

    [Fact]
    public void T3_FlagsSoftNotFirm_WhenProtein0Point8GramsPerKg()
    {
        Assert.Equal(ProteinShortfall.Soft, new Scenario().Current(90).ThisWeek(protein: 72).Evaluate().Targets.Protein.Shortfall);
    }

    [Fact]
    public void T3_FlagsFirm_WhenProteinJustBelow0Point8GramsPerKg()
    {
        Assert.Equal(ProteinShortfall.Firm, new Scenario().Current(90).ThisWeek(protein: 71.9).Evaluate().Targets.Protein.Shortfall);
    }

    [Fact]
    public void T3_HasNoData_WhenNoMealLogged()
    {
        var protein = new Scenario().Current(90).ThisWeek(protein: null).Evaluate().Targets.Protein;

        Assert.Equal(TargetStatus.NoData, protein.Status);
        Assert.Null(protein.GramsPerKgPerDay);
    }

    [Fact]
    public void T3_HasNoData_WhenNoRecentWeight()
    {
        Assert.Equal(TargetStatus.NoData, new Scenario().ThisWeek(protein: 100).Evaluate().Targets.Protein.Status);
    }

    [Fact]
    public void T3_UsesReferenceWeight_WhenBmi30()
    {
        var protein = new Scenario().Current(120).ThisWeek(protein: 120).Evaluate().Targets.Protein;

        Assert.True(protein.BasisIsReferenceWeight);
        Assert.Equal(100, protein.BasisWeightKg);
        Assert.Equal(1.2, protein.GramsPerKgPerDay!.Value, 9);
        Assert.Equal(TargetStatus.Met, protein.Status);
    }

    [Fact]
    public void T3_UsesCurrentWeight_WhenBmi29Point99()
    {
        var protein = new Scenario().Current(119.96).ThisWeek(protein: 120).Evaluate().Targets.Protein;

        Assert.False(protein.BasisIsReferenceWeight);
        Assert.Equal(119.96, protein.BasisWeightKg);
        Assert.Equal(ProteinShortfall.Soft, protein.Shortfall);
    }

    [Fact]
    public void T3_BariatricFloorIsReferenceWeightInGrams_WhenAbove60()
    {
        var atFloor = BariatricProtein(heightCm: 200, weightKg: 120, gramsPerDay: 100);
        var belowFloor = BariatricProtein(heightCm: 200, weightKg: 120, gramsPerDay: 99.9);

        Assert.Equal(100, atFloor.BariatricFloorGramsPerDay);
        Assert.Equal(ProteinShortfall.Soft, atFloor.Shortfall);
        Assert.Equal(ProteinShortfall.Firm, belowFloor.Shortfall);
    }

    [Fact]
    public void T3_BariatricFloorIs60Grams_WhenReferenceWeightBelow60()
    {
        // 150 cm: ref_wt 56.25 kg, so the 60 g minimum applies.
        var atFloor = BariatricProtein(heightCm: 150, weightKg: 60, gramsPerDay: 60);
        var belowFloor = BariatricProtein(heightCm: 150, weightKg: 60, gramsPerDay: 59.9);

        Assert.Equal(60, atFloor.BariatricFloorGramsPerDay);
        Assert.Equal(ProteinShortfall.Soft, atFloor.Shortfall);
        Assert.Equal(ProteinShortfall.Firm, belowFloor.Shortfall);
    }

    [Fact]
    public void T3_HasNoBariatricFloor_WithoutSurgery()
    {
        var protein = new Scenario().Profile(p => p with { HeightCm = 150 }).Current(60).ThisWeek(protein: 59.9)
            .Evaluate().Targets.Protein;

        Assert.Null(protein.BariatricFloorGramsPerDay);
        Assert.Equal(ProteinShortfall.Soft, protein.Shortfall);
    }

    [Theory]
    [InlineData(Sex.Female, 1.6)]
    [InlineData(Sex.Male, 2.0)]
    [InlineData(Sex.Unspecified, 1.8)]
    public void T4_IsMet_AtTheTargetForSex(Sex sex, double litres)
    {
        var fluids = new Scenario().Profile(p => p with { Sex = sex }).ThisWeek(fluids: litres).Evaluate().Targets.Fluids;

        Assert.Equal(TargetStatus.Met, fluids.Status);
        Assert.Equal(litres, fluids.Target);
    }

    [Theory]
    [InlineData(Sex.Female, 1.59)]
    [InlineData(Sex.Male, 1.99)]
    [InlineData(Sex.Unspecified, 1.79)]
    public void T4_IsMissed_JustBelowTheTargetForSex(Sex sex, double litres)
    {
        Assert.Equal(TargetStatus.Missed, new Scenario().Profile(p => p with { Sex = sex }).ThisWeek(fluids: litres).Evaluate().Targets.Fluids.Status);
    }

    [Fact]
    public void T4_HasNoData_WhenNothingLogged()
    {
        Assert.Equal(TargetStatus.NoData, new Scenario().ThisWeek(fluids: null).Evaluate().Targets.Fluids.Status);
    }

    [Theory]
    [InlineData(82.0)]
    [InlineData(84.0)]
    public void T5_IsMet_WhenLossRateWithin0Point5To1Kg(double fourWeeksAgo)
    {
        var pace = Pace(fourWeeksAgo, current: 80);

        Assert.Equal(TargetStatus.Met, pace.Status);
        Assert.False(pace.FasterThanGuideline);
        Assert.Null(pace.Advice);
    }

    [Fact]
    public void T5_IsMissedButNotFast_WhenLossRate0Point49Kg()
    {
        var pace = Pace(81.96, current: 80);

        Assert.Equal(TargetStatus.Missed, pace.Status);
        Assert.False(pace.FasterThanGuideline);
    }

    [Fact]
    public void T5_AdvisesMedicalSupervision_WhenLossRate1Point01Kg()
    {
        var pace = Pace(84.04, current: 80);

        Assert.Equal(TargetStatus.Missed, pace.Status);
        Assert.True(pace.FasterThanGuideline);
        Assert.Same(RulesCopy.FasterThanGuidelinePace, pace.Advice);
    }

    [Fact]
    public void T5_DoesNotAdviseSupervision_WhenFastAfterBariatricSurgery()
    {
        var pace = new Scenario().Profile(p => p with { BariatricSurgeryDate = SurgeryDate })
            .Weight(WeekEnd.AddDays(-28), 84.04).Current(80).Evaluate().Targets.Pace;

        Assert.True(pace.FasterThanGuideline);
        Assert.Null(pace.Advice);
    }

    [Fact]
    public void T5_AllowsOnePercentOfWeight_WhenBmiAbove40()
    {
        // 161 kg at 200 cm is BMI 40.25: the bound is 1.61 kg/week.
        var pace = Pace(167.4, current: 161);

        Assert.Equal(1.61, pace.UpperBoundKgPerWeek, 9);
        Assert.Equal(TargetStatus.Met, pace.Status);
    }

    [Fact]
    public void T5_KeepsOneKgBound_WhenBmiExactly40()
    {
        var pace = Pace(166.4, current: 160);

        Assert.Equal(1.0, pace.UpperBoundKgPerWeek);
        Assert.True(pace.FasterThanGuideline);
    }

    [Fact]
    public void T5_HasNoData_WhenNoRateYet()
    {
        Assert.Equal(TargetStatus.NoData, new Scenario().Current(80).Evaluate().Targets.Pace.Status);
    }

    private static ProteinTargetResult BariatricProtein(double heightCm, double weightKg, double gramsPerDay) =>
        new Scenario().Profile(p => p with { HeightCm = heightCm, BariatricSurgeryDate = SurgeryDate })
            .Current(weightKg).ThisWeek(protein: gramsPerDay).Evaluate().Targets.Protein;

    private static PaceTargetResult Pace(double fourWeeksAgo, double current) =>
        new Scenario().Weight(WeekEnd.AddDays(-28), fourWeeksAgo).Current(current).Evaluate().Targets.Pace;
}
