using SkinProgress.Events;
using SkinProgress.Rules;
using static SkinProgress.Core.Tests.Rules.Scenario;

namespace SkinProgress.Core.Tests.Rules;

/// <summary>
/// One test firing each row of the consultation table and one narrowly missing it. "Last 7 days" is the
/// evaluated week (its first day is 7 days before the summary is sent); "last 12 weeks" is the 84 days
/// ending on the week's end.
/// </summary>
public sealed class RecommendationTests
{
    private static readonly DateOnly DayBeforeWeek = WeekStart.AddDays(-1);
    private static readonly DateOnly FirstDayOf12Weeks = WeekEnd.AddDays(-83);
    private static readonly DateOnly DayBefore12Weeks = WeekEnd.AddDays(-84);

    public static TheoryData<string> FunctionalSymptoms =>
        [Symptoms.Ulcer, Symptoms.MobilityLimitation, Symptoms.HygieneDifficulty, Symptoms.ChronicPain];

    [Fact]
    public void Level_IsNone_WhenNothingApplies()
    {
        var consultation = new Scenario().Evaluate().Consultation;

        Assert.Equal(RecommendationKind.None, consultation.Level);
        Assert.Null(consultation.Primary);
        Assert.Empty(consultation.AddOns);
        Assert.False(consultation.SuppressOtherContent);
    }

    [Fact]
    public void Urgent_Fires_WhenFeverAndSkinInfectionInLast7Days()
    {
        var consultation = new Scenario()
            .Symptom(WeekEnd.AddDays(-2), Symptoms.Fever)
            .Symptom(WeekStart, Symptoms.SkinInfection)
            .Evaluate().Consultation;

        Assert.Equal(RecommendationKind.Urgent, consultation.Level);
        Assert.Equal(
            ["symptom fever on 2026-11-20", "symptom skin_infection on 2026-11-16"],
            consultation.Primary!.Reasons.Select(r => r.ToString()));
        Assert.Contains(RulesCopy.SeekUrgentCare.Text, consultation.Primary.Messages);
    }

    [Fact]
    public void Urgent_DoesNotFire_WhenSkinInfectionWasTheDayBeforeTheWeek()
    {
        var consultation = new Scenario()
            .Symptom(WeekEnd, Symptoms.Fever)
            .Symptom(DayBeforeWeek, Symptoms.SkinInfection)
            .Evaluate().Consultation;

        Assert.Equal(RecommendationKind.None, consultation.Level);
    }

    [Fact]
    public void Urgent_SuppressesEverythingElse()
    {
        var consultation = new Scenario()
            .Start(120).Current(110)
            .Symptom(WeekEnd, Symptoms.Fever)
            .Symptom(WeekEnd, Symptoms.SkinInfection)
            .Symptom(WeekEnd, Symptoms.Ulcer)
            .Symptom(WeekEnd, Symptoms.Distress)
            .Evaluate().Consultation;

        Assert.Equal(RecommendationKind.Urgent, consultation.Level);
        Assert.True(consultation.SuppressOtherContent);
        Assert.Empty(consultation.AddOns);
        Assert.Single(consultation.All);
    }

    [Fact]
    public void PromptGp_Fires_WhenSkinInfectionOnFirstDayOfTheWeek()
    {
        var consultation = new Scenario().Symptom(WeekStart, Symptoms.SkinInfection).Evaluate().Consultation;

        Assert.Equal(RecommendationKind.PromptGp, consultation.Level);
        Assert.False(consultation.SuppressOtherContent);
        Assert.Contains(RulesCopy.SeeGpToday.Text, consultation.Primary!.Messages);
    }

    [Fact]
    public void PromptGp_DoesNotFire_WhenSkinInfectionWasTheDayBeforeTheWeek() =>
        Assert.Equal(RecommendationKind.None, Level(new Scenario().Symptom(DayBeforeWeek, Symptoms.SkinInfection)));

    [Fact]
    public void PromptGp_NotUrgent_WhenFeverWasTheDayBeforeTheWeek() =>
        Assert.Equal(
            RecommendationKind.PromptGp,
            Level(new Scenario().Symptom(DayBeforeWeek, Symptoms.Fever).Symptom(WeekEnd, Symptoms.SkinInfection)));

    [Theory]
    [MemberData(nameof(FunctionalSymptoms))]
    public void Referral_Fires_WhenFunctionalSymptomInLast12Weeks(string symptom) =>
        Assert.Equal(RecommendationKind.Referral, Level(new Scenario().Symptom(FirstDayOf12Weeks, symptom)));

    [Theory]
    [MemberData(nameof(FunctionalSymptoms))]
    public void Referral_DoesNotFire_WhenFunctionalSymptomIsOlderThan12Weeks(string symptom) =>
        Assert.Equal(RecommendationKind.None, Level(new Scenario().Symptom(DayBefore12Weeks, symptom)));

    [Fact]
    public void Referral_Fires_WhenFoldRashIn2Weeks()
    {
        var consultation = new Scenario()
            .Symptom(WeekEnd, Symptoms.FoldRash)
            .Symptom(WeekEnd.AddDays(-7), Symptoms.FoldRash)
            .Evaluate().Consultation;

        Assert.Equal(RecommendationKind.Referral, consultation.Level);
        Assert.Contains("symptom fold_rash in 2 of the last 12 weeks", consultation.Primary!.Reasons.Select(r => r.ToString()));
    }

    [Fact]
    public void Referral_DoesNotFire_WhenFoldRashTwiceIn1Week() =>
        Assert.Equal(
            RecommendationKind.None,
            Level(new Scenario().Symptom(WeekEnd, Symptoms.FoldRash).Symptom(WeekStart, Symptoms.FoldRash)));

    [Fact]
    public void Referral_DoesNotFire_WhenSecondFoldRashIsOlderThan12Weeks() =>
        Assert.Equal(
            RecommendationKind.None,
            Level(new Scenario().Symptom(WeekEnd, Symptoms.FoldRash).Symptom(DayBefore12Weeks, Symptoms.FoldRash)));

    [Fact]
    public void Referral_Fires_WhateverTheWeightStability()
    {
        var consultation = new Scenario().Start(150).Current(100).Symptom(WeekEnd, Symptoms.Ulcer).Evaluate().Consultation;

        Assert.Equal(0, new Scenario().Start(150).Current(100).Evaluate().Derived.WeeksStable);
        Assert.Equal(RecommendationKind.Referral, consultation.Level);
        Assert.Contains(RulesCopy.FunctionalProblemAnyStability.Text, consultation.Primary!.Messages);
    }

    [Fact]
    public void PlasticSurgeonConsult_Fires_WhenMwlAndStable13Weeks()
    {
        var consultation = MwlStableFor(weeks: 13).Evaluate().Consultation;

        Assert.Equal(RecommendationKind.PlasticSurgeonConsult, consultation.Level);
        Assert.Equal(["%EWL 50 %", "weeks stable 13"], consultation.Primary!.Reasons.Select(r => r.ToString()));
        Assert.Contains(RulesCopy.ReadyToBookConsultation.Text, consultation.Primary.Messages);
        Assert.Contains(RulesCopy.StabilityCriteria.Text, consultation.Primary.Messages);
    }

    [Fact]
    public void PlasticSurgeonConsult_DoesNotFire_WhenMwlAndStable12Weeks() =>
        Assert.Equal(RecommendationKind.Informational, Level(MwlStableFor(weeks: 12)));

    [Fact]
    public void PlasticSurgeonConsult_Fires_When12MonthsSinceBariatricSurgery()
    {
        var consultation = MwlStableFor(weeks: 13)
            .Profile(p => p with { BariatricSurgeryDate = WeekEnd.AddMonths(-12) })
            .Evaluate().Consultation;

        Assert.Equal(RecommendationKind.PlasticSurgeonConsult, consultation.Level);
        Assert.Contains("bariatric surgery on 2025-11-22", consultation.Primary!.Reasons.Select(r => r.ToString()));
        Assert.Contains(RulesCopy.ExcessSkinExpectedAfterBariatricSurgery.Text, consultation.Primary.Messages);
    }

    [Fact]
    public void PlasticSurgeonConsult_DoesNotFire_WhenBariatricSurgeryIsADayShortOf12Months()
    {
        var consultation = MwlStableFor(weeks: 13)
            .Profile(p => p with { BariatricSurgeryDate = WeekEnd.AddMonths(-12).AddDays(1) })
            .Evaluate().Consultation;

        // Stable for 13 weeks but not 12 months from surgery still counts as "not yet stable".
        Assert.Equal(RecommendationKind.Informational, consultation.Level);
        Assert.Equal(
            ["%EWL 50 %", "weeks stable 13", "bariatric surgery on 2025-11-23"],
            consultation.Primary!.Reasons.Select(r => r.ToString()));
    }

    [Fact]
    public void PlasticSurgeonConsult_Fires_WhenRegionRated3WithMwl()
    {
        var consultation = MwlNotStable().Regions(WeekEnd, ("abdomen", 3), ("arms", 1)).Evaluate().Consultation;

        Assert.Equal(RecommendationKind.PlasticSurgeonConsult, consultation.Level);
        Assert.Equal(["%EWL 50 %", "region abdomen self-rated 3"], consultation.Primary!.Reasons.Select(r => r.ToString()));
        Assert.Contains(RulesCopy.SelfRatingIsUnvalidated.Text, consultation.Primary.Messages);
        Assert.Contains(RuleSources.PittsburghSelfRating, consultation.Primary.Sources);
    }

    [Fact]
    public void PlasticSurgeonConsult_DoesNotFire_WhenRegionRated3WithoutMwl() =>
        Assert.Equal(
            RecommendationKind.Dermatologist,
            Level(new Scenario().Start(120).Current(110.01).Regions(WeekEnd, ("abdomen", 3))));

    [Fact]
    public void PlasticSurgeonConsult_Fires_When2RegionsRated2WithMwl() =>
        Assert.Equal(
            RecommendationKind.PlasticSurgeonConsult,
            Level(MwlNotStable().Regions(WeekEnd, ("abdomen", 2), ("arms", 2))));

    [Fact]
    public void PlasticSurgeonConsult_DoesNotFire_When1RegionRated2WithMwl() =>
        Assert.Equal(
            RecommendationKind.Informational,
            Level(MwlNotStable().Regions(WeekEnd, ("abdomen", 2), ("arms", 1))));

    [Fact]
    public void PlasticSurgeonConsult_SaysSurgeonsMayAdviseFurtherLoss_WhenBmiAbove32()
    {
        var above = new Scenario().Start(250).DailyWeight(130, days: 91).Evaluate().Consultation.Primary!;
        var at = new Scenario().Start(250).DailyWeight(128, days: 91).Evaluate().Consultation.Primary!;

        Assert.Equal(RecommendationKind.PlasticSurgeonConsult, above.Kind);
        Assert.Contains(RulesCopy.FurtherLossAboveBmi32.Text, above.Messages);
        Assert.Equal(RecommendationKind.PlasticSurgeonConsult, at.Kind);
        Assert.DoesNotContain(RulesCopy.FurtherLossAboveBmi32.Text, at.Messages);
    }

    [Fact]
    public void PlasticSurgeonConsult_SaysQuitSmoking4WeeksBefore_WhenSmoker()
    {
        var smoker = MwlStableFor(weeks: 13).Profile(p => p with { Smoker = true }).Evaluate().Consultation.Primary!;
        var nonSmoker = MwlStableFor(weeks: 13).Profile(p => p with { Smoker = false }).Evaluate().Consultation.Primary!;

        Assert.Contains(RulesCopy.QuitSmokingBeforeSurgery.Text, smoker.Messages);
        Assert.Contains(RuleSources.Who2020Tobacco, smoker.Sources);
        Assert.DoesNotContain(RulesCopy.QuitSmokingBeforeSurgery.Text, nonSmoker.Messages);
        Assert.DoesNotContain(RuleSources.Who2020Tobacco, nonSmoker.Sources);
    }

    [Fact]
    public void Dermatologist_Fires_WhenRegionRated1WithoutMwl()
    {
        var consultation = new Scenario().Regions(WeekEnd, ("arms", 1)).Evaluate().Consultation;

        Assert.Equal(RecommendationKind.Dermatologist, consultation.Level);
        Assert.Equal(["region arms self-rated 1", "MWL no"], consultation.Primary!.Reasons.Select(r => r.ToString()));
        Assert.Contains(RulesCopy.NonInvasiveOptions.Text, consultation.Primary.Messages);
    }

    [Fact]
    public void Dermatologist_DoesNotFire_WhenEveryRegionRated0() =>
        Assert.Equal(RecommendationKind.None, Level(new Scenario().Regions(WeekEnd, ("arms", 0), ("abdomen", 0))));

    [Fact]
    public void Dermatologist_DoesNotFire_ForRegionRated1WithMwl() =>
        Assert.Equal(RecommendationKind.Informational, Level(MwlNotStable().Regions(WeekEnd, ("arms", 1))));

    [Fact]
    public void Dermatologist_ReadsOnlyTheLatestSelfRating()
    {
        var scenario = new Scenario().Regions(WeekEnd.AddDays(-10), ("arms", 1)).Regions(WeekEnd.AddDays(-3), ("arms", 0));

        Assert.Equal(RecommendationKind.None, Level(scenario));
    }

    [Fact]
    public void Dermatologist_DoesNotFire_WhenSelfRatingIsOlderThan12Weeks() =>
        Assert.Equal(RecommendationKind.None, Level(new Scenario().Regions(DayBefore12Weeks, ("arms", 1))));

    [Fact]
    public void Dermatologist_Fires_WhenTierModerateAndNotStable()
    {
        var consultation = ShortPerson().Start(70).Current(62).Evaluate().Consultation;

        Assert.Equal(RecommendationKind.Dermatologist, consultation.Level);
        Assert.Equal(["loose-skin tier moderate", "weeks stable 0"], consultation.Primary!.Reasons.Select(r => r.ToString()));
    }

    [Fact]
    public void Dermatologist_DoesNotFire_WhenTierLow() =>
        Assert.Equal(RecommendationKind.None, Level(ShortPerson().Start(70).Current(62.2)));

    [Fact]
    public void Dermatologist_DoesNotFire_WhenTierModerateAndStable13Weeks() =>
        Assert.Equal(RecommendationKind.None, Level(ShortPerson().Start(70).DailyWeight(62, days: 91)));

    [Fact]
    public void Informational_Fires_WhenMwlAndNotStable()
    {
        var consultation = MwlNotStable().Evaluate().Consultation;

        Assert.Equal(RecommendationKind.Informational, consultation.Level);
        Assert.Equal(["%EWL 50 %", "weeks stable 0"], consultation.Primary!.Reasons.Select(r => r.ToString()));
        Assert.Contains(RulesCopy.WaitingDoesNotTighten.Text, consultation.Primary.Messages);
    }

    [Fact]
    public void Informational_DoesNotFire_WhenJustShortOfMwl() =>
        Assert.Equal(RecommendationKind.None, Level(new Scenario().Start(120).Current(110.01)));

    [Fact]
    public void Dietitian_IsAdded_WhenProteinBelowSoftFlagIn4OfLast8Weeks()
    {
        var consultation = WithProteinWeeks(low: [0, 1, 2, 3], ok: [4, 5, 6, 7]).Evaluate().Consultation;

        Assert.Equal(RecommendationKind.None, consultation.Level);
        var dietitian = Assert.Single(consultation.AddOns);
        Assert.Equal(RecommendationKind.Dietitian, dietitian.Kind);
        Assert.Equal("protein below 1.2 g/kg/day in 4 of the last 8 weeks", Assert.Single(dietitian.Reasons).ToString());
    }

    [Fact]
    public void Dietitian_IsNotAdded_WhenProteinLowIn3OfLast8Weeks() =>
        Assert.Empty(WithProteinWeeks(low: [0, 1, 2], ok: [3, 4, 5, 6, 7]).Evaluate().Consultation.AddOns);

    [Fact]
    public void Dietitian_IsNotAdded_WhenFourthLowWeekIs9WeeksBack() =>
        Assert.Empty(WithProteinWeeks(low: [0, 1, 2, 8], ok: [3, 4, 5, 6, 7]).Evaluate().Consultation.AddOns);

    [Fact]
    public void Dietitian_IgnoresWeeksWithoutMeals()
    {
        var scenario = WithProteinWeeks(low: [0, 1, 2], ok: []);
        foreach (var weeksBack in new[] { 3, 4, 5, 6, 7 })
        {
            scenario.Week(WeekStart.AddDays(-7 * weeksBack), protein: null);
        }

        Assert.Empty(scenario.Evaluate().Consultation.AddOns);
    }

    [Fact]
    public void GpWellbeing_IsAdded_WhenDistressLogged()
    {
        var consultation = new Scenario().Symptom(FirstDayOf12Weeks, Symptoms.Distress).Evaluate().Consultation;

        Assert.Equal(RecommendationKind.None, consultation.Level);
        Assert.Equal(RecommendationKind.GpWellbeing, Assert.Single(consultation.AddOns).Kind);
    }

    [Fact]
    public void GpWellbeing_IsNotAdded_WhenDistressIsOlderThan12Weeks() =>
        Assert.Empty(new Scenario().Symptom(DayBefore12Weeks, Symptoms.Distress).Evaluate().Consultation.AddOns);

    [Fact]
    public void AddOns_AppearBesideTheWinningLevel()
    {
        var consultation = WithProteinWeeks(low: [0, 1, 2, 3], ok: [])
            .Symptom(WeekEnd, Symptoms.SkinInfection)
            .Symptom(WeekEnd, Symptoms.Distress)
            .Evaluate().Consultation;

        Assert.Equal(RecommendationKind.PromptGp, consultation.Level);
        Assert.Equal([RecommendationKind.Dietitian, RecommendationKind.GpWellbeing], consultation.AddOns.Select(a => a.Kind));
    }

    [Fact]
    public void HigherLevel_Wins_WhenSeveralFire()
    {
        var consultation = MwlStableFor(weeks: 13).Regions(WeekEnd, ("arms", 1)).Symptom(WeekEnd, Symptoms.ChronicPain)
            .Evaluate().Consultation;

        Assert.Equal(RecommendationKind.Referral, consultation.Level);
    }

    [Fact]
    public void EveryRecommendation_CarriesReasonsSourcesAndMessages()
    {
        var urgent = new Scenario().Symptom(WeekEnd, Symptoms.Fever).Symptom(WeekEnd, Symptoms.SkinInfection).Evaluate();
        var busy = WithProteinWeeks(low: [0, 1, 2, 3], ok: [])
            .Start(120)
            .Symptom(WeekEnd, Symptoms.Ulcer)
            .Symptom(WeekEnd, Symptoms.Distress)
            .Evaluate();

        var all = urgent.Consultation.All.Concat(busy.Consultation.All).ToList();
        Assert.Equal(4, all.Count);
        Assert.All(all, recommendation =>
        {
            Assert.NotEmpty(recommendation.Reasons);
            Assert.All(recommendation.Reasons, r => Assert.False(string.IsNullOrWhiteSpace(r.Input) || string.IsNullOrWhiteSpace(r.Value)));
            Assert.NotEmpty(recommendation.Sources);
            Assert.NotEmpty(recommendation.Messages);
        });
    }

    private static RecommendationKind Level(Scenario scenario) => scenario.Evaluate().Consultation.Level;

    /// <summary>Start 120 kg, now 110 kg at 200 cm: exactly 50 % EWL, loose-skin tier low.</summary>
    private static Scenario MwlNotStable() => new Scenario().Start(120).Current(110);

    private static Scenario MwlStableFor(int weeks) => new Scenario().Start(120).DailyWeight(110, days: weeks * 7);

    /// <summary>125 cm: 8 kg lost from 70 kg is ΔBMI 5.12 (tier moderate) and 26 % EWL (not MWL).</summary>
    private static Scenario ShortPerson() => new Scenario().Profile(p => p with { HeightCm = 125 });

    /// <summary>90 kg throughout (1.2 g/kg = 108 g); weeks counted back from the evaluated one (0).</summary>
    private static Scenario WithProteinWeeks(int[] low, int[] ok)
    {
        var scenario = new Scenario().DailyWeight(90, days: 120);
        foreach (var weeksBack in low)
        {
            scenario.Week(WeekStart.AddDays(-7 * weeksBack), protein: 100);
        }

        foreach (var weeksBack in ok)
        {
            scenario.Week(WeekStart.AddDays(-7 * weeksBack), protein: 110);
        }

        return scenario;
    }
}
