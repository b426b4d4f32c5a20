using System.Globalization;
using SkinProgress.Events;
using static SkinProgress.Rules.RuleSources;

namespace SkinProgress.Rules;

/// <summary>
/// The consultation table of docs/rules.md (Consultation recommendations) as data, highest level first: the first
/// primary rule that fires wins, add-ons fire beside it. "None" is not a row: it is what the result says when no primary rule fires.
/// </summary>
public static class RecommendationRules
{
    private const int RecentDays = RuleContext.RecentWeeks * 7;
    private const int MinFoldRashWeeks = 2;
    private const int MinLowProteinWeeks = 4;
    private const int BariatricMonthsBeforeSurgeryConsult = 12;
    private const double FurtherLossAboveBmi = 32;

    private static readonly string[] FunctionalSymptoms =
        [Symptoms.Ulcer, Symptoms.MobilityLimitation, Symptoms.HygieneDifficulty, Symptoms.ChronicPain];

    public static readonly RecommendationRule Urgent = new(
        RecommendationKind.Urgent,
        isAddOn: false,
        "symptom fever together with skin_infection in the last 7 days",
        [NhsCellulitisSepsis],
        context => context.LatestSymptomDate(Symptoms.Fever, RuleContext.AcuteWindowDays) is { } fever
            && context.LatestSymptomDate(Symptoms.SkinInfection, RuleContext.AcuteWindowDays) is { } infection
                ? [Reason.Symptom(Symptoms.Fever, fever), Reason.Symptom(Symptoms.SkinInfection, infection)]
                : [],
        _ => [RulesCopy.SeekUrgentCare]);

    public static readonly RecommendationRule PromptGp = new(
        RecommendationKind.PromptGp,
        isAddOn: false,
        "skin_infection in the last 7 days",
        [NhsCellulitis],
        context => context.LatestSymptomDate(Symptoms.SkinInfection, RuleContext.AcuteWindowDays) is { } infection
            ? [Reason.Symptom(Symptoms.SkinInfection, infection)]
            : [],
        _ => [RulesCopy.SeeGpToday, RulesCopy.EmergencySafetyNet]);

    public static readonly RecommendationRule Referral = new(
        RecommendationKind.Referral,
        isAddOn: false,
        "ulcer, mobility_limitation, hygiene_difficulty or chronic_pain in the last 12 weeks, "
        + "or fold_rash in ≥ 2 of the last 12 weeks; whatever the weight-stability status",
        [AnthemCgSurg99, BaprasBodyContouring, FoldRashTwoWeeks],
        ReferralReasons,
        _ => [RulesCopy.FunctionalProblemReferral, RulesCopy.FunctionalProblemAnyStability]);

    public static readonly RecommendationRule PlasticSurgeonConsult = new(
        RecommendationKind.PlasticSurgeonConsult,
        isAddOn: false,
        "MWL and weight stable ≥ 13 weeks (and ≥ 12 months since bariatric surgery, if any); "
        + "or MWL with any region self-rated 3 or ≥ 2 regions self-rated ≥ 2",
        [BaprasBodyContouring, Giordano2015, Coon2009, MassiveWeightLossConvention],
        PlasticSurgeonReasons,
        PlasticSurgeonMessages);

    public static readonly RecommendationRule Dermatologist = new(
        RecommendationKind.Dermatologist,
        isAddOn: false,
        "any region self-rated ≥ 1 without MWL, or loose-skin tier moderate or higher while weight is not yet stable",
        [AspsBodyContouring],
        DermatologistReasons,
        context => [
            RulesCopy.DermatologistCanAssess,
            RulesCopy.NonInvasiveOptions,
            .. BariatricLine(context),
            .. MildRegions(context).Count > 0 ? [RulesCopy.SelfRatingIsUnvalidated] : Array.Empty<CopyLine>(),
        ]);

    // The informational row reads "MWL but not yet stable" (docs/rules.md). Read literally, a person after
    // bariatric surgery who is stable for 13 weeks but under 12 months from surgery would get nothing; the 12
    // months exist because weight is not settled before then, so that person counts as "not yet stable" here
    // and gets this row.
    public static readonly RecommendationRule Informational = new(
        RecommendationKind.Informational,
        isAddOn: false,
        "MWL but weight not yet stable for 13 weeks (or under 12 months since bariatric surgery)",
        [AspsBodyContouring, MassiveWeightLossConvention],
        context => context.Derived.IsMassiveWeightLoss && !SurgeryTimingMet(context)
            ? [.. MassiveLossReasons(context.Derived), .. TimingReasons(context)]
            : [],
        context => [RulesCopy.InformationalConsultation, RulesCopy.WaitingDoesNotTighten, .. BariatricLine(context)]);

    public static readonly RecommendationRule Dietitian = new(
        RecommendationKind.Dietitian,
        isAddOn: true,
        "protein below T3's soft flag in ≥ 4 of the last 8 weeks",
        [Naghshineh2010],
        context => context.WeeksProteinBelowTarget >= MinLowProteinWeeks
            ? [new Reason(
                $"protein below {ProteinTargetResult.TargetGramsPerKg.ToString(CultureInfo.InvariantCulture)} g/kg/day",
                $"in {context.WeeksProteinBelowTarget} of the last {RuleContext.ProteinHistoryWeeks} weeks")]
            : [],
        _ => [RulesCopy.AskDietitian]);

    public static readonly RecommendationRule GpWellbeing = new(
        RecommendationKind.GpWellbeing,
        isAddOn: true,
        "symptom distress in the last 12 weeks",
        [BaprasBodyContouring],
        context => context.LatestSymptomDate(Symptoms.Distress, RecentDays) is { } distress
            ? [Reason.Symptom(Symptoms.Distress, distress)]
            : [],
        _ => [RulesCopy.TalkToGpAboutWellbeing]);

    public static readonly IReadOnlyList<RecommendationRule> All =
        [Urgent, PromptGp, Referral, PlasticSurgeonConsult, Dermatologist, Informational, Dietitian, GpWellbeing];

    private static List<Reason> ReferralReasons(RuleContext context)
    {
        List<Reason> reasons = [];
        foreach (var symptom in FunctionalSymptoms)
        {
            if (context.LatestSymptomDate(symptom, RecentDays) is { } date)
            {
                reasons.Add(Reason.Symptom(symptom, date));
            }
        }

        // One rash can be a one-off; a rash in two separate weeks is a recurring fold problem (ENG).
        var rashWeeks = context.WeeksWithSymptom(Symptoms.FoldRash, RuleContext.RecentWeeks);
        if (rashWeeks >= MinFoldRashWeeks)
        {
            reasons.Add(new Reason($"symptom {Symptoms.FoldRash}", $"in {rashWeeks} of the last {RuleContext.RecentWeeks} weeks"));
        }

        return reasons;
    }

    private static List<Reason> PlasticSurgeonReasons(RuleContext context)
    {
        if (!context.Derived.IsMassiveWeightLoss)
        {
            return [];
        }

        var timingMet = SurgeryTimingMet(context);
        var regions = SevereRegions(context);
        if (!timingMet && regions.Count == 0)
        {
            return [];
        }

        return [.. MassiveLossReasons(context.Derived), .. timingMet ? TimingReasons(context) : [], .. regions];
    }

    // Stable ≥ 13 weeks and, after bariatric surgery, ≥ 12 months since it.
    private static bool SurgeryTimingMet(RuleContext context) =>
        context.IsStable
        && (BariatricSurgery(context) is not { } surgery
            || surgery.AddMonths(BariatricMonthsBeforeSurgeryConsult) <= context.WeekEnd);

    private static List<Reason> TimingReasons(RuleContext context) => BariatricSurgery(context) is { } surgery
        ? [WeeksStable(context), new Reason("bariatric surgery", $"on {surgery.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)}")]
        : [WeeksStable(context)];

    private static DateOnly? BariatricSurgery(RuleContext context) =>
        context.Derived.IsAfterBariatricSurgery ? context.Profile.BariatricSurgeryDate : null;

    private static List<CopyLine> PlasticSurgeonMessages(RuleContext context)
    {
        List<CopyLine> lines = [RulesCopy.ReadyToBookConsultation, RulesCopy.StabilityCriteria];
        if (context.Derived.Bmi > FurtherLossAboveBmi)
        {
            lines.Add(RulesCopy.FurtherLossAboveBmi32);
        }

        if (context.Profile.Smoker == true)
        {
            lines.Add(RulesCopy.QuitSmokingBeforeSurgery);
        }

        lines.AddRange(BariatricLine(context));
        if (SevereRegions(context).Count > 0)
        {
            lines.Add(RulesCopy.SelfRatingIsUnvalidated);
        }

        return lines;
    }

    private static List<Reason> DermatologistReasons(RuleContext context)
    {
        List<Reason> reasons = [];
        var mild = MildRegions(context);
        if (mild.Count > 0)
        {
            reasons.AddRange(mild);
            reasons.Add(new Reason("MWL", "no"));
        }

        if (context.LooseSkinTier is { } tier and >= LooseSkinTier.Moderate && !context.IsStable)
        {
            reasons.Add(new Reason("loose-skin tier", TierName(tier)));
            reasons.Add(WeeksStable(context));
        }

        return reasons;
    }

    // Any region rated 3, or at least two rated 2 or more; counts only together with MWL.
    private static List<Reason> SevereRegions(RuleContext context)
    {
        var atLeastTwo = context.CurrentRegions.Where(r => r.Value >= 2).ToList();
        return atLeastTwo.Count >= 2 || atLeastTwo.Any(r => r.Value >= 3) ? RegionReasons(atLeastTwo) : [];
    }

    // Any region rated 1 or more counts for the dermatologist only without MWL; with MWL the surgical rows apply.
    private static List<Reason> MildRegions(RuleContext context) =>
        context.Derived.IsMassiveWeightLoss ? [] : RegionReasons(context.CurrentRegions.Where(r => r.Value >= 1));

    private static List<Reason> RegionReasons(IEnumerable<KeyValuePair<string, int>> regions) =>
        [.. regions.OrderBy(r => r.Key, StringComparer.Ordinal).Select(r => new Reason($"region {r.Key} self-rated", $"{r.Value}"))];

    private static List<Reason> MassiveLossReasons(DerivedValues derived)
    {
        List<Reason> reasons = [];
        if (derived.EwlPercent is { } ewl and >= DerivedValues.MassiveLossEwlPercent)
        {
            reasons.Add(new Reason("%EWL", string.Create(CultureInfo.InvariantCulture, $"{ewl:F0} %")));
        }

        if (derived.TotalLossKg is { } loss and >= DerivedValues.MassiveLossKg)
        {
            reasons.Add(new Reason("total loss", string.Create(CultureInfo.InvariantCulture, $"{loss:F1} kg")));
        }

        return reasons;
    }

    private static Reason WeeksStable(RuleContext context) => new("weeks stable", $"{context.Derived.WeeksStable}");

    private static CopyLine[] BariatricLine(RuleContext context) =>
        context.Derived.IsAfterBariatricSurgery ? [RulesCopy.ExcessSkinExpectedAfterBariatricSurgery] : [];

    private static string TierName(LooseSkinTier tier) => tier switch
    {
        LooseSkinTier.Low => "low",
        LooseSkinTier.Moderate => "moderate",
        LooseSkinTier.High => "high",
        _ => "very high",
    };
}
