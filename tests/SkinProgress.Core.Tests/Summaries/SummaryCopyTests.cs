using System.Text.Json;
using SkinProgress.Events;
using SkinProgress.Rules;
using SkinProgress.Summaries;
using static SkinProgress.Core.Tests.Summaries.History;

namespace SkinProgress.Core.Tests.Summaries;

/// <summary>Every sentence a summary carries, across the scenarios that put the most text in it.</summary>
public sealed class SummaryCopyTests
{
    private static readonly string[] Promises = ["will tighten", "guarantee"];

    // A fresh instance, as a reader of the stored JSON would have, not the one that wrote it.
    private static readonly JsonSerializerOptions ReaderOptions = new(JsonSerializerDefaults.Web);

    public static TheoryData<string> Scenarios => [.. Summaries.Keys];

    private static Dictionary<string, Func<History>> Summaries => new()
    {
        ["no data"] = () => new History().GoodWeek(Week(1)),
        ["partial, all targets missed"] = () => new History()
            .DailyWeight(Week(8), Week(4).AddDays(-1), 112)
            .DailyWeight(Week(4), WeekEnd, 100)
            .Day(WeekStart, minutes: 10, protein: 20, meals: 1, fluidsMl: 300),
        ["stable massive weight loss, smoker, severe region, low protein, distress"] = () => new History()
            .WithProfile(p => p with { HeightCm = 170, StartWeightKg = 150, Smoker = true, BirthYear = 1960 })
            .DailyWeight(Week(16), WeekEnd, 95)
            .Day(WeekStart, protein: 20, meals: 1)
            .SkinCheck(WeekStart, Symptoms.Distress)
            .Regions(WeekStart.AddDays(1), ("abdomen", 3), ("arms", 2)),
        ["bariatric, 8 months"] = () => new History()
            .WithProfile(p => p with { HeightCm = 170, StartWeightKg = 150, BariatricSurgeryDate = WeekEnd.AddMonths(-8) })
            .DailyWeight(Week(16), WeekEnd, 95),
        ["mild laxity"] = () => new History().DailyWeight(Week(2), WeekEnd, 105).WithProfile(p => p with { StartWeightKg = 125 }),
        ["functional problem"] = () => new History().Day(WeekStart, minutes: 30).SkinCheck(WeekStart, Symptoms.Ulcer, Symptoms.ChronicPain),
        ["urgent"] = () => new History().Day(WeekStart, minutes: 30).SkinCheck(WeekStart, Symptoms.Fever, Symptoms.SkinInfection),
    };

    [Theory]
    [MemberData(nameof(Scenarios))]
    public void EveryCopyLine_IsNonEmpty_AndPromisesNoTightening(string scenario)
    {
        var summary = Summaries[scenario]().Build();
        var lines = CopyLines(summary).ToList();

        Assert.NotEmpty(lines);
        Assert.All(lines, line =>
        {
            Assert.False(string.IsNullOrWhiteSpace(line));
            foreach (var promise in Promises)
            {
                Assert.DoesNotContain(promise, line, StringComparison.OrdinalIgnoreCase);
            }
        });
        Assert.Contains(RulesCopy.NotMedicalAdvice.Text, lines);
    }

    [Fact]
    public void TheRichestScenario_ReallyCarriesCardsRecommendationsAndLooseSkin()
    {
        var summary = Summaries["stable massive weight loss, smoker, severe region, low protein, distress"]().Build();

        Assert.NotEmpty(summary.HabitCards);
        Assert.Equal(RecommendationKind.PlasticSurgeonConsult, summary.RecommendationLevel);
        Assert.Contains(summary.Recommendations, r => r.Level == RecommendationKind.GpWellbeing);
        Assert.Contains(RulesCopy.QuitSmokingBeforeSurgery.Text, summary.Recommendations[0].Messages);
        Assert.Contains(RulesCopy.SelfRatingIsUnvalidated.Text, summary.Recommendations[0].Messages);
        Assert.Contains(summary.Recommendations[0].Reasons, r => r.Input == "region abdomen self-rated" && r.Value == "3");
        Assert.NotNull(summary.LooseSkin);
    }

    [Fact]
    public void HabitCards_NeverPromiseThatExerciseOrWaterTightensSkin()
    {
        var cards = Summaries["partial, all targets missed"]().Build().HabitCards;

        Assert.Equal(["T1", "T2", "T3", "T4", "T5"], cards.Select(c => c.TargetId));
        Assert.Contains("do not tighten skin by themselves", cards[0].Advice.Text, StringComparison.Ordinal);
        Assert.Contains("not proven", cards[1].Advice.Text, StringComparison.Ordinal);
        Assert.Contains("no evidence that water tightens skin", cards[3].Advice.Text, StringComparison.Ordinal);
        Assert.All(cards, c => Assert.NotEmpty(c.Advice.Sources));
    }

    [Theory]
    [MemberData(nameof(Scenarios))]
    public void Summary_RoundTripsThroughJson_WithWebDefaults(string scenario)
    {
        var summary = Summaries[scenario]().Build();

        var json = JsonSerializer.Serialize(summary, WeeklySummary.JsonOptions);
        var back = JsonSerializer.Deserialize<WeeklySummary>(json, ReaderOptions);

        Assert.NotNull(back);
        Assert.Equal(json, JsonSerializer.Serialize(back, WeeklySummary.JsonOptions));
        Assert.Contains("\"weekStart\":\"2026-11-16\"", json, StringComparison.Ordinal);
        Assert.Contains("\"notMedicalAdvice\":", json, StringComparison.Ordinal);
    }

    [Fact]
    public void Json_WritesLevelsTiersAndTrendsAsSnakeCaseStrings()
    {
        var history = Summaries["stable massive weight loss, smoker, severe region, low protein, distress"]()
            .Day(Week(1), minutes: 100)
            .Day(WeekStart, minutes: 200);

        var json = JsonSerializer.Serialize(history.Build(), WeeklySummary.JsonOptions);

        Assert.Contains("\"recommendationLevel\":\"plastic_surgeon_consult\"", json, StringComparison.Ordinal);
        Assert.Contains("\"level\":\"gp_wellbeing\"", json, StringComparison.Ordinal);
        Assert.Contains("\"tier\":\"very_high\"", json, StringComparison.Ordinal);
        Assert.Contains("\"kind\":\"aerobic_minutes\"", json, StringComparison.Ordinal);
        Assert.Contains("\"trend\":\"up\"", json, StringComparison.Ordinal);
        Assert.Contains("\"grade\":\"ENG\"", json, StringComparison.Ordinal);
    }

    private static IEnumerable<string> CopyLines(WeeklySummary summary)
    {
        yield return summary.Headline;
        yield return summary.NotMedicalAdvice.Text;
        if (summary.Score?.Note is { } note)
        {
            yield return note;
        }

        foreach (var card in summary.HabitCards)
        {
            yield return card.Title;
            yield return card.MeasuredText;
            yield return card.Advice.Text;
        }

        var recommendations = summary.UrgentNotice is { } urgent ? [urgent, .. summary.Recommendations] : summary.Recommendations;
        foreach (var line in recommendations.SelectMany(r => r.Messages.Concat(r.Reasons.Select(x => $"{x.Input} {x.Value}"))))
        {
            yield return line;
        }

        foreach (var line in summary.LooseSkin?.Messages ?? [])
        {
            yield return line.Text;
        }

        foreach (var metric in summary.Metrics)
        {
            yield return metric.Label;
        }
    }
}
