using SkinProgress.Rules;
using static SkinProgress.Core.Tests.Rules.Scenario;

namespace SkinProgress.Core.Tests.Rules;

public sealed class WeeklyScoreTests
{
    [Theory]
    [InlineData(0, 0)]
    [InlineData(1, 15)]
    [InlineData(2, 30)]
    [InlineData(3, 30)]
    public void Strength_Scores30_PerTwoDays_Capped(int days, double points) =>
        Assert.Equal(points, Points(new Scenario().ThisWeek(strengthDays: days), ScoreComponentKind.Strength), 9);

    [Theory]
    [InlineData(108, 25)]
    [InlineData(54, 12.5)]
    [InlineData(200, 25)]
    public void Protein_Scores25_At1Point2GramsPerKg_Capped(double grams, double points) =>
        Assert.Equal(points, Points(new Scenario().Current(90).ThisWeek(protein: grams), ScoreComponentKind.Protein), 9);

    [Fact]
    public void Protein_ScoresZero_WhenNoMealLogged() =>
        Assert.Equal(0, Points(new Scenario().Current(90).ThisWeek(protein: null), ScoreComponentKind.Protein));

    [Theory]
    [InlineData(150, 20)]
    [InlineData(75, 10)]
    [InlineData(300, 20)]
    public void Aerobic_Scores20_At150Minutes_Capped(double minutes, double points) =>
        Assert.Equal(points, Points(new Scenario().ThisWeek(minutes: minutes), ScoreComponentKind.Aerobic), 9);

    [Theory]
    [InlineData(Sex.Female, 1.6, 15)]
    [InlineData(Sex.Female, 0.8, 7.5)]
    [InlineData(Sex.Male, 1.6, 12)]
    [InlineData(Sex.Male, 3.0, 15)]
    public void Hydration_Scores15_AtTheT4TargetForSex_Capped(Sex sex, double litres, double points) =>
        Assert.Equal(points, Points(new Scenario().Profile(p => p with { Sex = sex }).ThisWeek(fluids: litres), ScoreComponentKind.Hydration), 9);

    [Fact]
    public void Hydration_ScoresZero_WhenNothingLogged() =>
        Assert.Equal(0, Points(new Scenario().ThisWeek(fluids: null), ScoreComponentKind.Hydration));

    [Fact]
    public void Pace_ScoresFull_WhenNoRateYet() =>
        Assert.Equal(10, Points(new Scenario().Current(80), ScoreComponentKind.Pace));

    [Theory]
    [InlineData(84.0, 10)]
    [InlineData(86.0, 5)]
    [InlineData(88.0, 0)]
    [InlineData(92.0, 0)]
    public void Pace_FallsLinearlyAboveTheT5Bound_NeverBelowZero(double fourWeeksAgo, double points) =>
        Assert.Equal(points, Points(new Scenario().Weight(WeekEnd.AddDays(-28), fourWeeksAgo).Current(80), ScoreComponentKind.Pace), 9);

    [Fact]
    public void Total_Is100_WhenEveryComponentIsMet()
    {
        var score = new Scenario().Weight(WeekEnd.AddDays(-28), 84).Current(80)
            .ThisWeek(minutes: 150, strengthDays: 2, protein: 96, fluids: 1.6).Evaluate().Score;

        Assert.Equal(100, score.Total, 9);
        Assert.Equal([30, 25, 20, 15, 10], score.Components.Select(c => c.Weight));
    }

    [Fact]
    public void Score_IsPartial_When3DaysHaveData()
    {
        var score = new Scenario().ThisWeek(daysWithData: 3).Evaluate().Score;

        Assert.True(score.IsPartial);
        Assert.Equal(3, score.DaysWithData);
    }

    [Fact]
    public void Score_IsNotPartial_When4DaysHaveData() =>
        Assert.False(new Scenario().ThisWeek(daysWithData: 4).Evaluate().Score.IsPartial);

    [Fact]
    public void Score_IsPartial_AndOnlyPaceScores_WhenTheWeekIsMissing()
    {
        var score = new Scenario().Evaluate().Score;

        Assert.True(score.IsPartial);
        Assert.Equal(10, score.Total);
    }

    private static double Points(Scenario scenario, ScoreComponentKind kind) =>
        scenario.Evaluate().Score.Components.Single(c => c.Kind == kind).Points;
}
