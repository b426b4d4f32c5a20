using System.Reflection;
using SkinProgress.Events;
using SkinProgress.Rules;
using static SkinProgress.Core.Tests.Rules.Scenario;

namespace SkinProgress.Core.Tests.Rules;

/// <summary>The rule tables are data: every row is traceable to a source and reachable by some input.</summary>
public sealed class RuleTableTests
{
    public static TheoryData<RecommendationKind> RuleKinds => [.. RecommendationRules.All.Select(r => r.Kind)];

    public static TheoryData<string> CopyTexts => [.. AllCopy().Select(c => c.Text)];

    [Fact]
    public void EveryRecommendationRule_HasAConditionAndGradedSources()
    {
        Assert.All(RecommendationRules.All, rule =>
        {
            Assert.False(string.IsNullOrWhiteSpace(rule.Condition));
            AssertGraded(rule.Sources);
        });
    }

    [Fact]
    public void RecommendationRules_AreOrderedHighestLevelFirst_WithTwoAddOns()
    {
        Assert.Equal(
            [
                RecommendationKind.Urgent, RecommendationKind.PromptGp, RecommendationKind.Referral,
                RecommendationKind.PlasticSurgeonConsult, RecommendationKind.Dermatologist, RecommendationKind.Informational,
            ],
            RecommendationRules.All.Where(r => !r.IsAddOn).Select(r => r.Kind));
        Assert.Equal(
            [RecommendationKind.Dietitian, RecommendationKind.GpWellbeing],
            RecommendationRules.All.Where(r => r.IsAddOn).Select(r => r.Kind));
    }

    [Theory]
    [MemberData(nameof(RuleKinds))]
    public void EveryRecommendationRule_IsReachable(RecommendationKind kind)
    {
        var result = FiringScenario(kind).Evaluate();

        Assert.Contains(kind, result.Consultation.All.Select(r => r.Kind));
    }

    [Fact]
    public void EveryTargetRule_HasAnIdAndGradedSources()
    {
        Assert.Equal(["T1", "T2", "T3", "T4", "T5"], TargetRules.All.Select(r => r.Id));
        Assert.All(TargetRules.All, rule => AssertGraded(rule.Sources));
    }

    [Fact]
    public void EveryCopyLineWithASource_HasGradedSources()
    {
        Assert.All(AllCopy().Where(c => c.Sources.Count > 0), line => AssertGraded(line.Sources));
    }

    [Theory]
    [MemberData(nameof(CopyTexts))]
    public void Copy_NeverTalksAboutEligibility(string text) =>
        Assert.DoesNotContain("eligib", text, StringComparison.OrdinalIgnoreCase);

    [Theory]
    [MemberData(nameof(CopyTexts))]
    public void Copy_MentionsTighteningOnlyToDenyIt(string text)
    {
        if (text.Contains("tighten", StringComparison.OrdinalIgnoreCase))
        {
            Assert.True(
                text.Contains(" not ", StringComparison.Ordinal) || text.Contains(" no evidence ", StringComparison.Ordinal),
                text);
        }
    }

    private static void AssertGraded(IReadOnlyList<RuleSource> sources)
    {
        Assert.NotEmpty(sources);
        Assert.All(sources, source =>
        {
            Assert.False(string.IsNullOrWhiteSpace(source.Citation));
            Assert.True(Enum.IsDefined(source.Grade));
        });
    }

    private static IEnumerable<CopyLine> AllCopy() => typeof(RulesCopy)
        .GetFields(BindingFlags.Public | BindingFlags.Static)
        .Select(f => f.GetValue(null))
        .OfType<CopyLine>();

    private static Scenario FiringScenario(RecommendationKind kind) => kind switch
    {
        RecommendationKind.Urgent => new Scenario().Symptom(WeekEnd, Symptoms.Fever).Symptom(WeekEnd, Symptoms.SkinInfection),
        RecommendationKind.PromptGp => new Scenario().Symptom(WeekEnd, Symptoms.SkinInfection),
        RecommendationKind.Referral => new Scenario().Symptom(WeekEnd, Symptoms.Ulcer),
        RecommendationKind.PlasticSurgeonConsult => new Scenario().Start(120).DailyWeight(110, days: 91),
        RecommendationKind.Dermatologist => new Scenario().Regions(WeekEnd, ("arms", 1)),
        RecommendationKind.Informational => new Scenario().Start(120).Current(110),
        RecommendationKind.Dietitian => LowProteinFourWeeks(),
        RecommendationKind.GpWellbeing => new Scenario().Symptom(WeekEnd, Symptoms.Distress),
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, "no firing scenario for this rule"),
    };

    private static Scenario LowProteinFourWeeks()
    {
        var scenario = new Scenario().DailyWeight(90, days: 60);
        for (var weeksBack = 0; weeksBack < 4; weeksBack++)
        {
            scenario.Week(WeekStart.AddDays(-7 * weeksBack), protein: 50);
        }

        return scenario;
    }
}
