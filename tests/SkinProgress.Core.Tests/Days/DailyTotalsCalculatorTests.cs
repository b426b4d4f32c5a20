using SkinProgress.Contracts;
using SkinProgress.Days;
using SkinProgress.Events;

namespace SkinProgress.Core.Tests.Days;

public sealed class DailyTotalsCalculatorTests
{
    private static readonly DateOnly Day = new(2026, 5, 1);
    private static readonly DateTimeOffset Morning = new(2026, 5, 1, 7, 0, 0, TimeSpan.FromHours(2));

    private static int nextId;

    private static string NewId() => $"e{Interlocked.Increment(ref nextId)}";

    private static HealthEvent Workout(string activity, double minutes, string? intensity = null, double? kcal = null, DateTimeOffset? at = null) =>
        new(NewId(), EventTypes.Workout, at ?? Morning, Workout: new Workout(activity, minutes, intensity, EnergyKcal: kcal));

    private static HealthEvent Meal(double protein, double? kcal = null, DateTimeOffset? at = null) =>
        new(NewId(), EventTypes.Meal, at ?? Morning, Meal: new Meal(protein, kcal));

    private static HealthEvent Drink(double ml, DateTimeOffset? at = null) =>
        new(NewId(), EventTypes.Hydration, at ?? Morning, Hydration: new Hydration(ml));

    private static HealthEvent WeighIn(double kg, DateTimeOffset at, string? id = null) =>
        new(id ?? NewId(), EventTypes.Weight, at, Weight: new Weight(kg));

    private static HealthEvent SkinCheck(DateTimeOffset? at = null) =>
        new(NewId(), EventTypes.SkinCheck, at ?? Morning, SkinCheck: new SkinCheck(new Dictionary<string, int> { ["arms"] = 1 }, []));

    /// <summary>Deterministic reorderings of the list: every rotation, forwards and backwards.</summary>
    private static IEnumerable<List<HealthEvent>> Orders(List<HealthEvent> events)
    {
        for (var r = 0; r < events.Count; r++)
        {
            var rotated = events.Skip(r).Concat(events.Take(r)).ToList();
            yield return rotated;
            yield return Enumerable.Reverse(rotated).ToList();
        }

        // and an interleaving: odd positions first, then even ones
        yield return events.Where((_, i) => i % 2 == 1).Concat(events.Where((_, i) => i % 2 == 0)).ToList();
    }

    private static void AssertSameTotals(DailyTotals expected, DailyTotals actual)
    {
        Assert.Equal(expected.Date, actual.Date);
        Assert.Equal(
            expected.WorkoutMinutes.OrderBy(m => m.Key, StringComparer.Ordinal).ToList(),
            actual.WorkoutMinutes.OrderBy(m => m.Key, StringComparer.Ordinal).ToList());
        Assert.Equal(expected.ModerateEquivalentMinutes, actual.ModerateEquivalentMinutes);
        Assert.Equal(expected.StrengthSessions, actual.StrengthSessions);
        Assert.Equal(expected.ProteinGrams, actual.ProteinGrams);
        Assert.Equal(expected.EnergyKcal, actual.EnergyKcal);
        Assert.Equal(expected.WorkoutEnergyKcal, actual.WorkoutEnergyKcal);
        Assert.Equal(expected.FluidsMl, actual.FluidsMl);
        Assert.Equal(expected.LastWeightKg, actual.LastWeightKg);
        Assert.Equal(expected.SkinChecks, actual.SkinChecks);
        Assert.Equal(expected.MealCount, actual.MealCount);
        Assert.Equal(expected.EventCount, actual.EventCount);
    }

    // ---- Empty ----------------------------------------------------------------------------------

    [Fact]
    public void Compute_GivesZeros_ForNoEvents()
    {
        var totals = DailyTotalsCalculator.Compute(Day, Array.Empty<HealthEvent>());

        Assert.Equal(Day, totals.Date);
        Assert.Empty(totals.WorkoutMinutes);
        Assert.Equal(0, totals.ModerateEquivalentMinutes);
        Assert.Equal(0, totals.StrengthSessions);
        Assert.Equal(0, totals.ProteinGrams);
        Assert.Equal(0, totals.EnergyKcal);
        Assert.Equal(0, totals.WorkoutEnergyKcal);
        Assert.Equal(0, totals.FluidsMl);
        Assert.Null(totals.LastWeightKg);
        Assert.Equal(0, totals.SkinChecks);
        Assert.Equal(0, totals.MealCount);
        Assert.Equal(0, totals.EventCount);
    }

    [Fact]
    public void Compute_OfStoredEvents_CountsEachWhicheverSourceAndDeviceReportedIt()
    {
        HealthEvent[] events =
        [
            new("m1", "meal", new DateTimeOffset(2026, 3, 2, 12, 0, 0, TimeSpan.Zero), Meal: new Meal(30)),
            new("m2", "meal", new DateTimeOffset(2026, 3, 2, 18, 0, 0, TimeSpan.Zero), Meal: new Meal(12.5)),
        ];

        var totals = DailyTotalsCalculator.Compute(Day,
            [new SourcedEvent(Guid.NewGuid(), "garmin", Day, events[0]), new SourcedEvent(Guid.NewGuid(), "strava", Day, events[1])]);

        Assert.Equivalent(DailyTotalsCalculator.Compute(Day, events), totals, strict: true);
        Assert.Equal((42.5, 2), (totals.ProteinGrams, totals.EventCount));
    }

    [Fact]
    public void Compute_Throws_ForNullEvents()
    {
        Assert.Throws<ArgumentNullException>(() => DailyTotalsCalculator.Compute(Day, (IEnumerable<HealthEvent>)null!));
    }

    [Fact]
    public void Compute_CarriesTheDate()
    {
        Assert.Equal(new DateOnly(2026, 11, 1), DailyTotalsCalculator.Compute(new DateOnly(2026, 11, 1), [Drink(250)]).Date);
    }

    // ---- Sums per type --------------------------------------------------------------------------

    [Fact]
    public void Compute_SumsProteinAndMealEnergy_AndCountsMeals()
    {
        var totals = DailyTotalsCalculator.Compute(Day, [Meal(30, 500), Meal(25.5, 700.5), Meal(12)]);

        Assert.Equal(67.5, totals.ProteinGrams);
        Assert.Equal(1200.5, totals.EnergyKcal);
        Assert.Equal(3, totals.MealCount);
        Assert.Equal(0, totals.WorkoutEnergyKcal);
    }

    [Fact]
    public void Compute_SumsWorkoutEnergy_ApartFromMealEnergy()
    {
        var totals = DailyTotalsCalculator.Compute(Day,
            [Workout(Activities.Running, 30, kcal: 350), Workout(Activities.Walking, 20), Workout(Activities.Cycling, 40, kcal: 420.5), Meal(30, 600)]);

        Assert.Equal(770.5, totals.WorkoutEnergyKcal);
        Assert.Equal(600, totals.EnergyKcal);
    }

    [Fact]
    public void Compute_SumsFluids()
    {
        var totals = DailyTotalsCalculator.Compute(Day, [Drink(250), Drink(500), Drink(330.5)]);

        Assert.Equal(1080.5, totals.FluidsMl);
    }

    [Fact]
    public void Compute_CountsSkinChecks()
    {
        var totals = DailyTotalsCalculator.Compute(Day, [SkinCheck(), SkinCheck(), Meal(10)]);

        Assert.Equal(2, totals.SkinChecks);
    }

    [Fact]
    public void Compute_CountsEveryEvent_OfEveryType()
    {
        var totals = DailyTotalsCalculator.Compute(Day,
            [Workout(Activities.Running, 30), Meal(30), Meal(20), Drink(250), WeighIn(85, Morning), SkinCheck()]);

        Assert.Equal(6, totals.EventCount);
        Assert.Equal(2, totals.MealCount);
        Assert.Equal(1, totals.SkinChecks);
    }

    [Fact]
    public void Compute_SumsAllTypes_InOneMixedDay()
    {
        var totals = DailyTotalsCalculator.Compute(Day,
        [
            Workout(Activities.Running, 30, kcal: 300),
            Workout(Activities.StrengthTraining, 45, Intensities.Vigorous, kcal: 200),
            Meal(40, 650),
            Meal(35, 800),
            Drink(500),
            Drink(750),
            WeighIn(84.6, Morning),
            SkinCheck(),
        ]);

        Assert.Equal(60, totals.ModerateEquivalentMinutes);
        Assert.Equal(1, totals.StrengthSessions);
        Assert.Equal(75, totals.ProteinGrams);
        Assert.Equal(1450, totals.EnergyKcal);
        Assert.Equal(500, totals.WorkoutEnergyKcal);
        Assert.Equal(1250, totals.FluidsMl);
        Assert.Equal(84.6, totals.LastWeightKg);
        Assert.Equal(1, totals.SkinChecks);
        Assert.Equal(2, totals.MealCount);
        Assert.Equal(8, totals.EventCount);
    }

    // ---- Moderate-equivalent minutes --------------------------------------------------------------

    [Theory]
    [InlineData(Activities.Running, null, 60)]
    [InlineData(Activities.Walking, null, 30)]
    [InlineData(Activities.Cycling, null, 30)]
    [InlineData(Activities.Swimming, null, 30)]
    [InlineData(Activities.Rowing, null, 30)]
    [InlineData(Activities.Elliptical, null, 30)]
    [InlineData(Activities.Running, Intensities.Moderate, 30)]
    [InlineData(Activities.Running, Intensities.Light, 0)]
    [InlineData(Activities.Walking, Intensities.Vigorous, 60)]
    [InlineData(Activities.Walking, Intensities.Light, 0)]
    [InlineData(Activities.Cycling, Intensities.Vigorous, 60)]
    [InlineData(Activities.StrengthTraining, null, 0)]
    [InlineData(Activities.StrengthTraining, Intensities.Vigorous, 0)]
    public void Compute_CountsModerateEquivalentMinutes_ForThirtyMinuteWorkout(string activity, string? intensity, double expected)
    {
        var totals = DailyTotalsCalculator.Compute(Day, [Workout(activity, 30, intensity)]);

        Assert.Equal(expected, totals.ModerateEquivalentMinutes);
    }

    [Fact]
    public void Compute_AddsModerateEquivalentMinutes_AcrossWorkouts()
    {
        var totals = DailyTotalsCalculator.Compute(Day,
        [
            Workout(Activities.Running, 30), // 60
            Workout(Activities.Walking, 30), // 30
            Workout(Activities.Cycling, 15, Intensities.Vigorous), // 30
            Workout(Activities.Walking, 20, Intensities.Light), // 0
            Workout(Activities.StrengthTraining, 45), // 0
        ]);

        Assert.Equal(120, totals.ModerateEquivalentMinutes);
    }

    [Fact]
    public void Compute_CountsStrengthTraining_AsStrengthSession_WithoutAerobicMinutes()
    {
        var totals = DailyTotalsCalculator.Compute(Day, [Workout(Activities.StrengthTraining, 45, Intensities.Vigorous)]);

        Assert.Equal(0, totals.ModerateEquivalentMinutes);
        Assert.Equal(1, totals.StrengthSessions);
        Assert.Equal(45, totals.WorkoutMinutes["strength_training/vigorous"]);
    }

    [Fact]
    public void Compute_CountsEachStrengthWorkout_AsOneSession()
    {
        var totals = DailyTotalsCalculator.Compute(Day,
            [Workout(Activities.StrengthTraining, 30), Workout(Activities.StrengthTraining, 20, Intensities.Moderate), Workout(Activities.Running, 30)]);

        Assert.Equal(2, totals.StrengthSessions);
        Assert.Equal(60, totals.ModerateEquivalentMinutes);
    }

    [Fact]
    public void Compute_CountsNoStrengthSession_ForAerobicWorkouts()
    {
        var totals = DailyTotalsCalculator.Compute(Day, [Workout(Activities.Running, 30), Workout(Activities.Hiit, 20)]);

        Assert.Equal(0, totals.StrengthSessions);
    }

    // ---- Workout minutes ------------------------------------------------------------------------

    [Fact]
    public void Compute_KeysWorkoutMinutes_ByActivityAndIntensity_UsingDefaultIntensityWhenNoneGiven()
    {
        var totals = DailyTotalsCalculator.Compute(Day,
        [
            Workout(Activities.Running, 30),
            Workout(Activities.Running, 10, Intensities.Vigorous),
            Workout(Activities.Running, 20, Intensities.Moderate),
            Workout(Activities.Walking, 10),
            Workout(Activities.Walking, 15, Intensities.Moderate),
            Workout(Activities.Walking, 5, Intensities.Light),
            Workout(Activities.StrengthTraining, 45, Intensities.Vigorous),
        ]);

        Assert.Equal(
            new Dictionary<string, double>
            {
                ["running/moderate"] = 20,
                ["running/vigorous"] = 40,
                ["strength_training/vigorous"] = 45,
                ["walking/light"] = 5,
                ["walking/moderate"] = 25,
            },
            totals.WorkoutMinutes.ToDictionary(m => m.Key, m => m.Value, StringComparer.Ordinal));
    }

    // ---- Last weight ----------------------------------------------------------------------------

    [Fact]
    public void Compute_TakesLastWeight_AsLatestByOccurredAt_NotListOrder()
    {
        var totals = DailyTotalsCalculator.Compute(Day,
        [
            WeighIn(85.0, new DateTimeOffset(2026, 5, 1, 7, 0, 0, TimeSpan.FromHours(2))),
            WeighIn(84.2, new DateTimeOffset(2026, 5, 1, 21, 0, 0, TimeSpan.FromHours(2))),
            WeighIn(84.8, new DateTimeOffset(2026, 5, 1, 12, 0, 0, TimeSpan.FromHours(2))),
        ]);

        Assert.Equal(84.2, totals.LastWeightKg);
    }

    [Fact]
    public void Compute_TakesLastWeight_ByInstant_NotByLocalClockReading()
    {
        // 21:00+02:00 is 19:00 UTC, earlier than 20:00 UTC although its clock reads later.
        var totals = DailyTotalsCalculator.Compute(Day,
        [
            WeighIn(84.0, new DateTimeOffset(2026, 5, 1, 20, 0, 0, TimeSpan.Zero)),
            WeighIn(83.0, new DateTimeOffset(2026, 5, 1, 21, 0, 0, TimeSpan.FromHours(2))),
        ]);

        Assert.Equal(84.0, totals.LastWeightKg);
    }

    [Fact]
    public void Compute_GivesNoLastWeight_WithoutWeighIn()
    {
        Assert.Null(DailyTotalsCalculator.Compute(Day, [Meal(30), Drink(250)]).LastWeightKg);
    }

    [Fact]
    public void Compute_TakesLastWeight_WhateverTheOrder()
    {
        List<HealthEvent> events =
        [
            WeighIn(85.0, Morning),
            WeighIn(84.2, Morning.AddHours(14)),
            WeighIn(84.8, Morning.AddHours(5)),
            WeighIn(84.5, Morning.AddHours(9)),
            Meal(30),
        ];

        Assert.All(Orders(events), order => Assert.Equal(84.2, DailyTotalsCalculator.Compute(Day, order).LastWeightKg));
    }

    [Fact]
    public void Compute_BreaksTieOfWeighInTimes_ById_WhateverTheOrder()
    {
        var at = Morning.AddHours(3);
        List<HealthEvent> events = [WeighIn(85.0, at, "b"), WeighIn(84.0, at, "c"), WeighIn(86.0, at.ToOffset(TimeSpan.Zero), "a")];

        Assert.All(Orders(events), order => Assert.Equal(84.0, DailyTotalsCalculator.Compute(Day, order).LastWeightKg));
    }

    // ---- Order independence ---------------------------------------------------------------------

    [Fact]
    public void Compute_GivesSameTotals_WhateverTheOrder()
    {
        List<HealthEvent> events =
        [
            Workout(Activities.Running, 30, kcal: 300.3),
            Workout(Activities.Walking, 42, kcal: 120.1),
            Workout(Activities.Walking, 18, Intensities.Light),
            Workout(Activities.StrengthTraining, 45),
            Meal(31.7, 612.2),
            Meal(28.4, 455.9),
            Meal(9.9),
            Drink(250.5),
            Drink(330.3),
            WeighIn(85.3, Morning),
            WeighIn(84.9, Morning.AddHours(12)),
            WeighIn(85.1, Morning.AddHours(6)),
            SkinCheck(),
        ];
        var expected = DailyTotalsCalculator.Compute(Day, events);

        Assert.Equal(84.9, expected.LastWeightKg);
        Assert.Equal(13, expected.EventCount);
        Assert.All(Orders(events), order => AssertSameTotals(expected, DailyTotalsCalculator.Compute(Day, order)));
    }

    [Fact]
    public void Compute_GivesSameWorkoutMinutes_WhateverTheOrder_WithFractionalDurations()
    {
        // Durations down to 0.1 min are valid (docs/api.md, Events: 0 < durationMinutes <= 1440). Recomputing a day from
        // its stored events must not depend on the order they are read back in.
        List<HealthEvent> events =
        [
            Workout(Activities.Walking, 0.1),
            Workout(Activities.Walking, 0.2),
            Workout(Activities.Walking, 0.3),
        ];
        var expected = DailyTotalsCalculator.Compute(Day, events);

        Assert.All(Orders(events), order => AssertSameTotals(expected, DailyTotalsCalculator.Compute(Day, order)));
    }
}
