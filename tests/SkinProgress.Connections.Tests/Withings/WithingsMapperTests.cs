using System.Text.Json;
using SkinProgress.Connections.Withings;
using SkinProgress.Contracts;
using SkinProgress.Events;

namespace SkinProgress.Connections.Tests.Withings;

public class WithingsMapperTests
{
    private static IReadOnlyList<HealthEvent> Measures(string file)
    {
        using var document = TestFiles.Json(file);
        return WithingsMapper.MapMeasures(document.RootElement.GetProperty("body"), TestFiles.Now);
    }

    [Fact]
    public void RecordedResponse_AppliesEachMeasuresOwnExponent()
    {
        var weighIns = Measures("withings/getmeas-recorded-2012.http");

        Assert.Equal(["measure:54510546", "measure:54510441", "measure:54510987", "measure:54510986"], weighIns.Select(e => e.Id));
        Assert.Equal([63.5, 68.0, 68.62, 68.4], weighIns.Select(e => e.Weight!.WeightKg));
        Assert.All(weighIns, e => Assert.Equal(EventTypes.Weight, e.Type));
    }

    [Fact]
    public void GroupWithWeightAndFatRatio_IsOneWeighIn_WithBodyFat_AndOtherTypesIgnored()
    {
        var weighIns = Measures("withings/getmeas-recorded-2012.http");

        var full = weighIns.Single(e => e.Id == "measure:54510987");
        // Fat ratio 16453e-3 %; fat-free mass (5) and fat mass (8) are not body fat percentages.
        Assert.Equal(new Weight(68.62, 16.45), full.Weight);
        Assert.Equal(DateTimeOffset.FromUnixTimeSeconds(1264691627), full.OccurredAt);
        // Height (type 4) beside a weight adds nothing.
        Assert.Equal(new Weight(68.0), weighIns.Single(e => e.Id == "measure:54510441").Weight);
    }

    [Fact]
    public void DocsExample_ReadsFatRatio_AndIgnoresTheHeightOnlyGroup()
    {
        var weighIn = Assert.Single(Measures("withings/getmeas-docs-example-2009.json"));

        Assert.Equal(new Weight(79.3, 17.8), weighIn.Weight);
    }

    [Fact]
    public void GoalGroup_OfCategoryTwo_IsNotAWeighIn() =>
        Assert.Empty(Measures("withings/getmeas-category2-goal-only.json"));

    [Fact]
    public void BloodPressurePulseHeightAndTemperature_AreIgnored_TheWeightsKept()
    {
        var weighIns = Measures("withings/getmeas-bp-hr-weight-height-temp.json");

        // Five groups: blood pressure with a weight, a weight alone, two pulses, height with a temperature.
        Assert.Equal(["measure:366956482", "measure:347186704"], weighIns.Select(e => e.Id));
        Assert.Equal([new Weight(74.126), new Weight(74.128)], weighIns.Select(e => e.Weight));
    }

    [Fact]
    public void ResponseWithoutWeight_YieldsNothing() =>
        Assert.Empty(Measures("withings/getmeas-scanwatch2-spo2-hr-2026.json"));

    [Fact]
    public void Workouts_TakeCategory_DurationLessPauses_DistanceCaloriesAndHeartRate()
    {
        using var document = TestFiles.Json("withings/measurev2-getworkouts-scanwatch2-2026.json");
        var workouts = WithingsMapper.MapWorkouts(document.RootElement.GetProperty("body"), TestFiles.Now);

        Assert.Equal(["workout:6089823240", "workout:6091289172", "workout:6093690857"], workouts.Select(e => e.Id));
        var walk = workouts[0];
        Assert.Equal(DateTimeOffset.FromUnixTimeSeconds(1775147759), walk.OccurredAt);
        Assert.Equal(new Workout(Activities.Walking, Math.Round(781 / 60.0, 2), DistanceKm: 0.808, EnergyKcal: 63, AvgHeartRate: 98), walk.Workout);
        var weights = workouts[1].Workout!;
        Assert.Equal(Activities.StrengthTraining, weights.Activity);
        // 3090 s from start to end, 279 s of them paused; no distance rather than 0 km.
        Assert.Equal(Math.Round((3090 - 279) / 60.0, 2), weights.DurationMinutes);
        Assert.Null(weights.DistanceKm);
    }

    [Theory]
    [InlineData("""{"value": 63500, "unit": -3}""", 63.5)]
    [InlineData("""{"value": 680, "unit": -1}""", 68.0)]
    [InlineData("""{"value": 7, "unit": 1}""", 70.0)]
    [InlineData("""{"value": 99, "unit": 0}""", 99.0)]
    public void MeasureValue_IsValueTimesTenToTheUnit(string json, double expected)
    {
        using var document = JsonDocument.Parse(json);

        Assert.Equal(expected, WithingsMapper.Value(document.RootElement));
    }

    [Theory]
    [InlineData("""{"value": 63500, "unit": -400}""")]
    [InlineData("""{"value": 63500}""")]
    [InlineData("""{"value": "heavy", "unit": -3}""")]
    public void MeasureValue_WithoutAUsableExponent_IsNoValue(string json)
    {
        using var document = JsonDocument.Parse(json);

        Assert.Null(WithingsMapper.Value(document.RootElement));
    }
}
