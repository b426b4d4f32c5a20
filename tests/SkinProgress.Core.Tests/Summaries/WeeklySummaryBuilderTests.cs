using SkinProgress.Events;
using SkinProgress.Rules;
using SkinProgress.Summaries;
using static SkinProgress.Core.Tests.Summaries.History;

namespace SkinProgress.Core.Tests.Summaries;

public sealed class WeeklySummaryBuilderTests
{
    [Fact]
    public void FirstWeek_HasNoBaseline_AndEveryTrendIsNone()
    {
        var history = new History().GoodWeek(WeekStart);
        for (var i = 0; i < 7; i++)
        {
            history.Day(WeekStart.AddDays(i), protein: 100, meals: 2, weight: 90 + (i % 2));
        }

        var summary = history.Build();

        Assert.True(summary.HasData);
        Assert.Equal(7, summary.DaysWithData);
        Assert.Equal(WeekStart, summary.WeekStart);
        Assert.Equal(WeekEnd, summary.WeekEnd);
        Assert.Equal(
            [MetricKind.AerobicMinutes, MetricKind.StrengthDays, MetricKind.ProteinGramsPerDay, MetricKind.FluidLitresPerDay, MetricKind.WeightKg],
            summary.Metrics.Select(m => m.Kind));
        Assert.All(summary.Metrics, m =>
        {
            Assert.Null(m.Baseline);
            Assert.Equal(0, m.BaselineWeeks);
            Assert.Equal(Trend.None, m.Trend);
        });
        Assert.Equal(210, Value(summary, MetricKind.AerobicMinutes));
        Assert.Equal(2, Value(summary, MetricKind.StrengthDays));
        Assert.Equal(100, Value(summary, MetricKind.ProteinGramsPerDay)!.Value, 9);
        Assert.Equal(2.0, Value(summary, MetricKind.FluidLitresPerDay)!.Value, 9);
        Assert.Equal(90 + (3.0 / 7), Value(summary, MetricKind.WeightKg)!.Value, 9);
    }

    [Theory]
    [InlineData(1, true)]
    [InlineData(3, true)]
    [InlineData(4, false)]
    [InlineData(7, false)]
    public void Score_IsPartial_UnderFourDaysWithData(int days, bool partial)
    {
        var history = new History();
        for (var i = 0; i < days; i++)
        {
            history.Day(WeekStart.AddDays(i), minutes: 30);
        }

        var summary = history.Build();

        Assert.Equal(days, summary.DaysWithData);
        Assert.NotNull(summary.Score);
        Assert.Equal(partial, summary.Score.IsPartial);
        Assert.Equal(days, summary.Score.DaysWithData);
        if (partial)
        {
            Assert.Contains("partial", summary.Score.Note, StringComparison.Ordinal);
        }
        else
        {
            Assert.Null(summary.Score.Note);
        }
    }

    [Fact]
    public void Score_IsTheRulesScore_RoundedWithItsComponents()
    {
        // Strength 2 days = 30, aerobic 210 ≥ 150 = 20, fluids 2 L ≥ 1.6 = 15, no meals = 0, no loss rate = 10.
        var summary = new History().GoodWeek(WeekStart).Build();

        Assert.Equal(75, summary.Score!.Total);
        Assert.Equal([30, 0, 20, 15, 10], summary.Score.Components.Select(c => c.Points));
        Assert.Equal(100, summary.Score.Components.Sum(c => c.Weight));
    }

    [Fact]
    public void WeekWithNoData_IsAShortSummary_SayingNoDataWasLogged()
    {
        var summary = new History().GoodWeek(Week(1)).GoodWeek(Week(2)).Build();

        Assert.False(summary.HasData);
        Assert.Equal(0, summary.DaysWithData);
        Assert.Equal("No data was logged this week.", summary.Headline);
        Assert.Null(summary.Score);
        Assert.Empty(summary.Metrics);
        Assert.Empty(summary.HabitCards);
        Assert.Null(summary.LooseSkin);
        Assert.Equal(RulesCopy.NotMedicalAdvice.Text, summary.NotMedicalAdvice.Text);
    }

    [Fact]
    public void WeekWithNoData_StillCarriesTheRecommendation()
    {
        // An ulcer five weeks ago is a functional problem whether or not this week was logged.
        var summary = new History().GoodWeek(Week(5)).SkinCheck(Week(5), Symptoms.Ulcer).Build();

        Assert.False(summary.HasData);
        Assert.Equal(RecommendationKind.Referral, summary.RecommendationLevel);
        Assert.Equal(RecommendationKind.Referral, Assert.Single(summary.Recommendations).Level);
    }

    [Fact]
    public void Headline_SaysHowManyDaysHadData()
    {
        var summary = new History().Day(WeekStart, minutes: 20).Day(WeekEnd, fluidsMl: 500).Build();

        Assert.Equal("You logged data on 2 of 7 days this week.", summary.Headline);
    }

    [Theory]
    [InlineData(106, Trend.Up)]
    [InlineData(105, Trend.Flat)]
    [InlineData(100, Trend.Flat)]
    [InlineData(95, Trend.Flat)]
    [InlineData(94, Trend.Down)]
    public void AerobicTrend_IsUpDownOrFlat_AgainstTheFourWeekAverage(double minutes, Trend trend)
    {
        // Previous four weeks: 80, 120, 90, 110 minutes → average 100.
        var history = new History()
            .Day(Week(1), minutes: 80).Day(Week(2), minutes: 120).Day(Week(3), minutes: 90).Day(Week(4), minutes: 110)
            .Day(Week(5), minutes: 1000) // five weeks back: outside the baseline
            .Day(WeekStart, minutes: minutes);

        var metric = Metric(history.Build(), MetricKind.AerobicMinutes);

        Assert.Equal(100, metric.Baseline);
        Assert.Equal(4, metric.BaselineWeeks);
        Assert.Equal(minutes, metric.ThisWeek);
        Assert.Equal(trend, metric.Trend);
    }

    [Fact]
    public void Baseline_LeavesOutPreviousWeeksWithNothingLogged()
    {
        var history = new History()
            .Day(Week(1), minutes: 60).Day(Week(3), minutes: 120) // weeks 2 and 4 empty
            .Day(WeekStart, minutes: 90);

        var metric = Metric(history.Build(), MetricKind.AerobicMinutes);

        Assert.Equal(90, metric.Baseline);
        Assert.Equal(2, metric.BaselineWeeks);
        Assert.Equal(Trend.Flat, metric.Trend);
    }

    [Fact]
    public void ProteinAndFluids_TrendOnlyOverWeeksThatLoggedThem()
    {
        var history = new History()
            .Day(Week(1), protein: 490, meals: 3, fluidsMl: 7000) // 70 g/day, 1 L/day
            .Day(Week(2), minutes: 30) // data, but no meal and no drink
            .Day(WeekStart, protein: 560, meals: 3, fluidsMl: 14000); // 80 g/day, 2 L/day

        var summary = history.Build();

        var protein = Metric(summary, MetricKind.ProteinGramsPerDay);
        Assert.Equal((80.0, 70.0, 1, Trend.Up), (protein.ThisWeek!.Value, protein.Baseline!.Value, protein.BaselineWeeks, protein.Trend));
        var fluids = Metric(summary, MetricKind.FluidLitresPerDay);
        Assert.Equal((2.0, 1.0, 1, Trend.Up), (fluids.ThisWeek!.Value, fluids.Baseline!.Value, fluids.BaselineWeeks, fluids.Trend));
    }

    [Fact]
    public void ProteinThisWeek_IsNullWithTrendNone_WhenNoMealWasLogged()
    {
        var history = new History().Day(Week(1), protein: 490, meals: 3).Day(WeekStart, minutes: 30);

        var protein = Metric(history.Build(), MetricKind.ProteinGramsPerDay);

        Assert.Null(protein.ThisWeek);
        Assert.Equal(70, protein.Baseline);
        Assert.Equal(Trend.None, protein.Trend);
    }

    [Fact]
    public void WeightTrend_ComparesSmoothedWeightWithTheSmoothedWeightsOfThePreviousFourWeekEnds()
    {
        // 140 kg daily until five weeks ago, then 100 kg: the smoothed weight falls week by week.
        var history = new History()
            .DailyWeight(Week(12), Week(5).AddDays(-1), 140)
            .DailyWeight(Week(5), WeekEnd, 100);

        var weight = Metric(history.Build(), MetricKind.WeightKg);

        Assert.Equal(100, weight.ThisWeek!.Value, 9);
        Assert.Equal(4, weight.BaselineWeeks);
        Assert.True(weight.Baseline > weight.ThisWeek);
        Assert.Equal(Trend.Down, weight.Trend);
    }

    [Fact]
    public void HabitCards_AreNone_WhenEveryJudgedTargetIsMet()
    {
        var history = new History().GoodWeek(WeekStart);
        for (var i = 0; i < 7; i++)
        {
            history.Day(WeekStart.AddDays(i), protein: 120, meals: 3, weight: 90);
        }

        Assert.Empty(history.Build().HabitCards);
    }

    [Fact]
    public void HabitCards_OnlyForTheMissedTargets()
    {
        // 3 × 40 = 120 aerobic minutes (T1 missed), 1 strength day (T2 missed), 2 L/day (T4 met), no meals (T3 not judged).
        var history = new History()
            .Day(WeekStart, minutes: 40, strength: 1, fluidsMl: 7000)
            .Day(WeekStart.AddDays(2), minutes: 40, fluidsMl: 7000)
            .Day(WeekStart.AddDays(4), minutes: 40);

        var cards = history.Build().HabitCards;

        Assert.Equal(["T1", "T2"], cards.Select(c => c.TargetId));
        var aerobic = cards[0];
        Assert.Equal((120.0, 150.0, "min/week"), (aerobic.Measured, aerobic.Target, aerobic.Unit));
        Assert.StartsWith("120 of 150 moderate-equivalent minutes", aerobic.MeasuredText, StringComparison.Ordinal);
        Assert.Equal(RulesCopy.RunningDoesNotTightenSkin.Text, aerobic.Advice.Text);
        Assert.Contains(aerobic.Advice.Sources, s => s.Citation == RuleSources.Who2020Activity.Citation && s.Grade == "A");
        Assert.NotEmpty(aerobic.TargetSources);
        var strength = cards[1];
        Assert.Equal((1.0, 2.0), (strength.Measured, strength.Target));
        Assert.Equal(RulesCopy.StrengthPreservesLeanMass.Text, strength.Advice.Text);
    }

    [Fact]
    public void ProteinCard_ShowsGramsPerKgAgainstTheTarget_WithItsSentenceAndSources()
    {
        var history = new History().GoodWeek(WeekStart);
        for (var i = 0; i < 7; i++)
        {
            history.Day(WeekStart.AddDays(i), protein: 72, meals: 3, weight: 90); // 72 / 90 = 0.8 g/kg/day
        }

        var card = Assert.Single(history.Build().HabitCards);

        Assert.Equal("T3", card.TargetId);
        Assert.Equal(0.8, card.Measured, 9);
        Assert.Equal((1.2, "g/kg/day"), (card.Target, card.Unit));
        Assert.StartsWith("0.8 g of protein per kg a day this week (72 g a day on 90 kg)", card.MeasuredText, StringComparison.Ordinal);
        Assert.Equal(SummaryCopy.ProteinKeepsMuscle.Text, card.Advice.Text);
        Assert.Contains(card.Advice.Sources, s => s.Citation == RuleSources.Hudson2020.Citation && s.Grade == "B");
        // 90 kg at 200 cm is BMI 22.5 and no surgery: neither the ENG reference-weight basis nor the bariatric floor applies.
        Assert.Equal([RuleSources.Hudson2020.Citation, RuleSources.IssnJager2017.Citation], card.TargetSources.Select(s => s.Citation));
    }

    [Fact]
    public void ProteinCard_ForBmiOver30AfterBariatricSurgery_IsJudgedOnTheWeightAtBmi25_AndCitesTheFloor()
    {
        // 200 cm, 130 kg (BMI 32.5): g/kg on ref_wt 100 kg; floor max(60, 1.0 × 100) = 100 g/day.
        var history = new History().WithProfile(p => p with { BariatricSurgeryDate = Week(40) }).GoodWeek(WeekStart);
        for (var i = 0; i < 7; i++)
        {
            history.Day(WeekStart.AddDays(i), protein: 90, meals: 3, weight: 130);
        }

        var card = Assert.Single(history.Build().HabitCards);

        Assert.Equal((0.9, 1.2, "g/kg/day"), (card.Measured, card.Target, card.Unit));
        Assert.Equal(
            "0.9 g of protein per kg a day this week (90 g a day on 100 kg, your weight at BMI 25); target 1.2–1.6 g/kg a day. After bariatric surgery the floor is 100 g a day.",
            card.MeasuredText);
        Assert.Contains(card.TargetSources, s => s.Citation == RuleSources.ProteinOnReferenceWeight.Citation && s.Grade == "ENG");
        Assert.Contains(card.TargetSources, s => s.Citation == RuleSources.FariaBariatric2020.Citation);
    }

    [Fact]
    public void ProteinCard_BelowOnlyTheBariatricFloor_ShowsGramsAgainstTheFloor()
    {
        // 150 cm: ref_wt 56.25 kg, so the floor is max(60, 56.25) = 60 g/day; 59 g/day at 47 kg is 1.26 g/kg/day,
        // above 1.2 but under the floor.
        var history = new History()
            .WithProfile(p => p with { HeightCm = 150, BariatricSurgeryDate = Week(40) })
            .GoodWeek(WeekStart);
        for (var i = 0; i < 7; i++)
        {
            history.Day(WeekStart.AddDays(i), protein: 59, meals: 3, weight: 47);
        }

        var card = Assert.Single(history.Build().HabitCards);

        Assert.Equal(("T3", 59.0, 60.0, "g/day"), (card.TargetId, card.Measured, card.Target, card.Unit));
        Assert.EndsWith("After bariatric surgery the floor is 60 g a day.", card.MeasuredText, StringComparison.Ordinal);
    }

    [Fact]
    public void FluidsCard_ShowsLitresAgainstTheTargetForSex()
    {
        var met = new History().WithProfile(p => p with { Sex = Sex.Male }).GoodWeek(WeekStart, fluidsMlPerDay: 2000);
        Assert.Empty(met.Build().HabitCards);

        var missed = new History().WithProfile(p => p with { Sex = Sex.Male }).GoodWeek(WeekStart, fluidsMlPerDay: 1900);
        var card = Assert.Single(missed.Build().HabitCards);
        Assert.Equal(("T4", 2.0), (card.TargetId, card.Target));
        Assert.Equal(1.9, card.Measured, 9);
        Assert.Equal(RulesCopy.FluidsForGeneralHealth.Text, card.Advice.Text);
        Assert.DoesNotContain(card.TargetSources, s => s.Grade == "ENG");

        var unspecified = new History().WithProfile(p => p with { Sex = Sex.Unspecified }).GoodWeek(WeekStart, fluidsMlPerDay: 1700);
        var defaultCard = Assert.Single(unspecified.Build().HabitCards);
        Assert.Equal(1.8, defaultCard.Target);
        Assert.Contains(defaultCard.TargetSources, s => s.Citation == RuleSources.FluidsWhenSexUnspecified.Citation && s.Grade == "ENG");
    }

    [Fact]
    public void PaceCard_OnlyWhenLosingFasterThanGuideline_AndNotAfterBariatricSurgery()
    {
        // Smoothed weight 109 kg four weeks ago, 100 kg now: 2.25 kg/week, over the 1 kg/week bound (BMI < 40).
        var fast = new History()
            .DailyWeight(Week(8), Week(4).AddDays(-1), 112)
            .DailyWeight(Week(4), WeekEnd, 100)
            .GoodWeek(WeekStart);

        var card = Assert.Single(fast.Build().HabitCards);
        Assert.Equal(("T5", 1.0, "kg/week"), (card.TargetId, card.Target, card.Unit));
        Assert.Equal(RulesCopy.FasterThanGuidelinePace.Text, card.Advice.Text);

        fast.WithProfile(p => p with { BariatricSurgeryDate = Week(30) });
        Assert.DoesNotContain(fast.Build().HabitCards, c => c.TargetId == "T5");
    }

    [Fact]
    public void NoPaceCard_WhenWeightIsStable()
    {
        var stable = new History().DailyWeight(Week(8), WeekEnd, 100).GoodWeek(WeekStart);

        Assert.Empty(stable.Build().HabitCards);
    }

    [Fact]
    public void StableMassiveWeightLoss_GetsThePlasticSurgeonConsultation_WithReasonsAndSources()
    {
        // 170 cm, started at 150 kg, 95 kg every day for 16 weeks: −55 kg, %EWL 71 %, BMI 32.9, stable ≥ 13 weeks.
        var history = new History()
            .WithProfile(p => p with { HeightCm = 170, StartWeightKg = 150 })
            .DailyWeight(Week(16), WeekEnd, 95)
            .GoodWeek(WeekStart);

        var summary = history.Build();

        Assert.Equal(RecommendationKind.PlasticSurgeonConsult, summary.RecommendationLevel);
        Assert.Null(summary.UrgentNotice);
        Assert.False(summary.SuppressedBelowUrgent);
        var consult = summary.Recommendations[0];
        Assert.Equal(RecommendationKind.PlasticSurgeonConsult, consult.Level);
        Assert.False(consult.IsAddOn);
        Assert.Contains(consult.Reasons, r => r.Input == "%EWL" && r.Value == "71 %");
        Assert.Contains(consult.Reasons, r => r.Input == "total loss" && r.Value == "55.0 kg");
        Assert.Contains(consult.Reasons, r => r.Input == "weeks stable" && int.Parse(r.Value, System.Globalization.CultureInfo.InvariantCulture) >= 13);
        Assert.Contains(consult.Sources, s => s.Citation == RuleSources.BaprasBodyContouring.Citation);
        Assert.Contains(RulesCopy.ReadyToBookConsultation.Text, consult.Messages);
        Assert.Contains(RulesCopy.StabilityCriteria.Text, consult.Messages);
        Assert.Contains(RulesCopy.FurtherLossAboveBmi32.Text, consult.Messages);
        Assert.Equal(LooseSkinTier.VeryHigh, summary.LooseSkin!.Tier);
        Assert.Contains(summary.LooseSkin.Sources, s => s.Citation == RuleSources.Giordano2013.Citation && s.Grade == "C");
    }

    [Fact]
    public void BariatricEightMonthsAfterSurgery_IsNotYetThePlasticSurgeonConsult_AndSaysExcessSkinIsExpected()
    {
        var history = new History()
            .WithProfile(p => p with { HeightCm = 170, StartWeightKg = 150, BariatricSurgeryDate = WeekEnd.AddMonths(-8) })
            .DailyWeight(Week(16), WeekEnd, 95)
            .GoodWeek(WeekStart);

        var summary = history.Build();

        Assert.Equal(RecommendationKind.Informational, summary.RecommendationLevel);
        Assert.DoesNotContain(summary.Recommendations, r => r.Level == RecommendationKind.PlasticSurgeonConsult);
        var info = summary.Recommendations[0];
        Assert.Contains(info.Reasons, r => r.Input == "bariatric surgery" && r.Value == "on 2026-03-22");
        Assert.Contains(RulesCopy.InformationalConsultation.Text, info.Messages);
        Assert.Contains(RulesCopy.ExcessSkinExpectedAfterBariatricSurgery.Text, info.Messages);
        Assert.Contains(info.Sources, s => s.Citation == RuleSources.KaurKlassen2018.Citation);
        Assert.Contains(summary.LooseSkin!.Messages, m => m.Text.StartsWith("Excess skin after bariatric surgery is expected", StringComparison.Ordinal));
    }

    [Fact]
    public void RedFlagSkinCheck_PutsTheUrgentContentFirst_AndMarksEverythingElseBelowIt()
    {
        var history = new History()
            .WithProfile(p => p with { HeightCm = 170, StartWeightKg = 150 })
            .DailyWeight(Week(16), WeekEnd, 95)
            .Day(WeekStart.AddDays(3), minutes: 20)
            .SkinCheck(WeekStart.AddDays(2), Symptoms.SkinInfection)
            .SkinCheck(WeekStart.AddDays(3), Symptoms.Fever, Symptoms.SkinInfection, Symptoms.Distress);

        var summary = history.Build();

        Assert.Equal(RecommendationKind.Urgent, summary.RecommendationLevel);
        var urgent = summary.UrgentNotice;
        Assert.NotNull(urgent);
        Assert.Equal(RecommendationKind.Urgent, urgent.Level);
        Assert.Contains(RulesCopy.SeekUrgentCare.Text, urgent.Messages);
        Assert.Equal(["symptom fever on 2026-11-19", "symptom skin_infection on 2026-11-19"], urgent.Reasons.Select(r => $"{r.Input} {r.Value}"));
        Assert.Contains(urgent.Sources, s => s.Citation == RuleSources.NhsCellulitisSepsis.Citation && s.Grade == "A");
        Assert.True(summary.SuppressedBelowUrgent);

        // Everything else stays in the record, below the urgent notice; no add-on (distress) competes with it.
        Assert.Empty(summary.Recommendations);
        Assert.NotEmpty(summary.HabitCards);
        Assert.NotNull(summary.Score);

        var json = System.Text.Json.JsonSerializer.Serialize(summary, WeeklySummary.JsonOptions);
        Assert.True(json.IndexOf("\"urgentNotice\"", StringComparison.Ordinal) < json.IndexOf("\"score\"", StringComparison.Ordinal));
    }

    [Fact]
    public void WithoutRedFlag_NothingIsMarkedBelowUrgent()
    {
        var summary = new History().Day(WeekStart, minutes: 30).SkinCheck(WeekStart, Symptoms.SkinInfection).Build();

        Assert.Equal(RecommendationKind.PromptGp, summary.RecommendationLevel);
        Assert.Null(summary.UrgentNotice);
        Assert.False(summary.SuppressedBelowUrgent);
        Assert.Equal(RecommendationKind.PromptGp, Assert.Single(summary.Recommendations).Level);
    }

    [Fact]
    public void AddOns_FollowThePrimaryRecommendation()
    {
        var summary = new History()
            .Day(WeekStart, minutes: 30)
            .SkinCheck(WeekStart, Symptoms.SkinInfection, Symptoms.Distress)
            .Build();

        Assert.Equal(
            [(RecommendationKind.PromptGp, false), (RecommendationKind.GpWellbeing, true)],
            summary.Recommendations.Select(r => (r.Level, r.IsAddOn)));
    }

    [Fact]
    public void DaysAfterTheWeek_AreIgnored()
    {
        var summary = new History().Day(WeekStart, minutes: 30).Day(WeekEnd.AddDays(1), minutes: 500).Build();

        Assert.Equal(30, Value(summary, MetricKind.AerobicMinutes));
        Assert.Equal(1, summary.DaysWithData);
    }

    [Fact]
    public void DuplicateDates_AreRejected()
    {
        var history = new History().Day(WeekStart, minutes: 30);
        var input = history.Input() with { Days = [.. history.Days, .. history.Days] };

        Assert.Throws<ArgumentException>(() => WeeklySummaryBuilder.Build(input));
    }

    private static SummaryMetric Metric(WeeklySummary summary, MetricKind kind) => summary.Metrics.Single(m => m.Kind == kind);

    private static double? Value(WeeklySummary summary, MetricKind kind) => Metric(summary, kind).ThisWeek;
}
