using static SkinProgress.Rules.RuleSources;

namespace SkinProgress.Rules;

public enum TargetStatus
{
    Met,
    Missed,

    /// <summary>Nothing to judge: no meal or drink logged, no recent weight, or no loss rate yet.</summary>
    NoData,
}

/// <summary>How far protein falls below target: soft below 1.2 g/kg/day, firm below the RDA or the bariatric floor.</summary>
public enum ProteinShortfall
{
    None,
    Soft,
    Firm,
}

/// <summary>A row of the weekly-targets table of docs/rules.md (Weekly targets) with its sources.</summary>
public sealed record TargetRule(string Id, string Description, IReadOnlyList<RuleSource> Sources);

/// <summary>The weekly-targets table as data, in the order of docs/rules.md.</summary>
public static class TargetRules
{
    public static readonly TargetRule Aerobic = new(
        "T1",
        "aerobic 150–300 moderate-equivalent min/week; > 250 min/week helps significant loss and prevents regain",
        [Who2020Activity, AcsmDonnelly2009]);

    public static readonly TargetRule Strength = new(
        "T2",
        "muscle strengthening ≥ 2 days/week (ACSM: 2–3)",
        [Who2020Activity, AcsmGarber2011]);

    public static readonly TargetRule Protein = new(
        "T3",
        "protein 1.2–1.6 g/kg/day while losing weight; soft flag below 1.2, firm below 0.8 (RDA); g/kg on ref_wt when BMI ≥ 30; "
        + "after bariatric surgery the floor is max(60 g, 1.0 g/kg × ref_wt)",
        [Hudson2020, IssnJager2017, ProteinOnReferenceWeight, FariaBariatric2020]);

    public static readonly TargetRule Fluids = new(
        "T4",
        "fluids from drinks ≥ 1.6 L/day (women) / 2.0 L/day (men) / 1.8 L/day (sex unspecified); general health, not skin",
        [Efsa2010Water, FluidsWhenSexUnspecified]);

    public static readonly TargetRule Pace = new(
        "T5",
        "loss rate 0.5–1.0 kg/week, or ≤ 1 % of body weight/week when BMI > 40; faster: consider medical supervision unless bariatric",
        [NicePh53, Nhlbi1998]);

    public static readonly IReadOnlyList<TargetRule> All = [Aerobic, Strength, Protein, Fluids, Pace];
}

/// <summary>A target judged on one measured value (T1, T2, T4).</summary>
/// <param name="Measured">Minutes, days or litres/day; null when nothing was logged.</param>
/// <param name="Target">The threshold the value must reach.</param>
public sealed record TargetResult(TargetRule Rule, TargetStatus Status, double? Measured, double Target)
{
    internal static TargetResult AtLeast(TargetRule rule, double? measured, double target) =>
        new(rule, measured is not { } value ? TargetStatus.NoData : value >= target ? TargetStatus.Met : TargetStatus.Missed, measured, target);
}

/// <summary>T3: protein per kg of the basis weight, with the soft/firm flags and the bariatric floor.</summary>
/// <param name="BasisWeightKg">Current smoothed weight, or ref_wt when BMI ≥ 30 (ENG).</param>
/// <param name="BariatricFloorGramsPerDay">max(60 g, 1.0 g/kg × ref_wt) after bariatric surgery, else null.</param>
public sealed record ProteinTargetResult(
    TargetRule Rule,
    TargetStatus Status,
    double? GramsPerKgPerDay,
    double? GramsPerDay,
    double? BasisWeightKg,
    bool BasisIsReferenceWeight,
    double? BariatricFloorGramsPerDay,
    ProteinShortfall Shortfall)
{
    public const double TargetGramsPerKg = 1.2;
    public const double FirmGramsPerKg = 0.8;
    public const double ReferenceWeightFromBmi = 30;
    public const double BariatricFloorMinimumGrams = 60;
    public const double BariatricFloorGramsPerKg = 1.0;

    /// <param name="weightKg">Smoothed weight at the week's end; null when none was logged recently.</param>
    internal static ProteinTargetResult Assess(double? gramsPerDay, double? weightKg, double heightCm, bool afterBariatricSurgery)
    {
        var heightSquared = DerivedValues.HeightSquared(heightCm);
        var referenceWeight = 25 * heightSquared;
        double? floor = afterBariatricSurgery
            ? Math.Max(BariatricFloorMinimumGrams, BariatricFloorGramsPerKg * referenceWeight)
            : null;
        if (weightKg is not { } weight || gramsPerDay is not { } grams)
        {
            return new(TargetRules.Protein, TargetStatus.NoData, null, gramsPerDay, null, false, floor, ProteinShortfall.None);
        }

        // Per-kg needs scale with lean mass, not fat mass, so heavier people are judged on the weight at BMI 25.
        var onReference = weight / heightSquared >= ReferenceWeightFromBmi;
        var basis = onReference ? referenceWeight : weight;
        var perKg = grams / basis;
        var shortfall = perKg < FirmGramsPerKg || grams < floor ? ProteinShortfall.Firm
            : perKg < TargetGramsPerKg ? ProteinShortfall.Soft
            : ProteinShortfall.None;
        var status = shortfall == ProteinShortfall.None ? TargetStatus.Met : TargetStatus.Missed;
        return new(TargetRules.Protein, status, perKg, grams, basis, onReference, floor, shortfall);
    }
}

/// <summary>T5: weekly loss rate against guideline pace.</summary>
/// <param name="FasterThanGuideline">Losing faster than the upper bound, whatever the surgery status.</param>
/// <param name="Advice">"Consider medical supervision" when faster than guideline pace and not after bariatric surgery (already supervised).</param>
public sealed record PaceTargetResult(
    TargetRule Rule,
    TargetStatus Status,
    double? LossRateKgPerWeek,
    double LowerBoundKgPerWeek,
    double UpperBoundKgPerWeek,
    bool FasterThanGuideline,
    CopyLine? Advice)
{
    public const double LowerKgPerWeek = 0.5;
    public const double UpperKgPerWeek = 1.0;
    public const double HighBmi = 40;
    public const double HighBmiUpperFractionOfWeight = 0.01;

    internal static PaceTargetResult Assess(DerivedValues derived)
    {
        var upper = derived is { Bmi: > HighBmi, SmoothedWeightKg: { } weight }
            ? HighBmiUpperFractionOfWeight * weight
            : UpperKgPerWeek;
        if (derived.LossRateKgPerWeek is not { } rate)
        {
            return new(TargetRules.Pace, TargetStatus.NoData, null, LowerKgPerWeek, upper, false, null);
        }

        var faster = rate > upper;
        var status = rate >= LowerKgPerWeek && !faster ? TargetStatus.Met : TargetStatus.Missed;
        var advice = faster && !derived.IsAfterBariatricSurgery ? RulesCopy.FasterThanGuidelinePace : null;
        return new(TargetRules.Pace, status, rate, LowerKgPerWeek, upper, faster, advice);
    }
}

/// <summary>The five weekly targets of the evaluated week; they drive the habit cards and the score.</summary>
public sealed record WeeklyTargets(
    TargetResult Aerobic,
    TargetResult Strength,
    ProteinTargetResult Protein,
    TargetResult Fluids,
    PaceTargetResult Pace)
{
    public const double AerobicTargetMinutes = 150;
    public const double StrengthTargetDays = 2;

    internal static WeeklyTargets Evaluate(WeekActivity week, DerivedValues derived, RulesProfile profile) => new(
        TargetResult.AtLeast(TargetRules.Aerobic, week.ModerateEquivalentMinutes, AerobicTargetMinutes),
        TargetResult.AtLeast(TargetRules.Strength, week.StrengthDays, StrengthTargetDays),
        ProteinTargetResult.Assess(week.MeanProteinGramsPerDay, derived.SmoothedWeightKg, profile.HeightCm, derived.IsAfterBariatricSurgery),
        TargetResult.AtLeast(TargetRules.Fluids, week.MeanFluidLitresPerDay, FluidLitresPerDay(profile.Sex)),
        PaceTargetResult.Assess(derived));

    /// <summary>EFSA adequate intakes from drinks; 1.8 L, their midpoint, when sex is unspecified (ENG).</summary>
    public static double FluidLitresPerDay(Sex sex) => sex switch
    {
        Sex.Female => 1.6,
        Sex.Male => 2.0,
        _ => 1.8,
    };
}
