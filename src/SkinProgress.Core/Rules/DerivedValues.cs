namespace SkinProgress.Rules;

/// <summary>
/// The weight arithmetic of docs/rules.md (Derived values) as of the evaluated week's end. Values that need a weight are null
/// when none is known (no start weight, or no weigh-in in the trailing 28 days).
/// </summary>
/// <param name="ReferenceWeightKg">ref_wt = 25 × height² (weight at BMI 25).</param>
/// <param name="StartWeightKg">Profile start weight, else the first weight logged.</param>
/// <param name="SmoothedWeightKg">Mean of the weights logged in the trailing 28 days (ENG): the "current" weight.</param>
/// <param name="Bmi">BMI of the smoothed weight.</param>
/// <param name="TotalLossKg">Start − smoothed; negative after a gain.</param>
/// <param name="TwlPercent">%TWL = loss / start × 100.</param>
/// <param name="ExcessWeightKg">Start − ref_wt.</param>
/// <param name="EwlPercent">%EWL = loss / excess × 100; null when the excess is ≤ 0 (started at BMI ≤ 25).</param>
/// <param name="DeltaBmi">BMI(start) − BMI(smoothed).</param>
/// <param name="LossRateKgPerWeek">(smoothed 4 weeks ago − smoothed now) / 4; positive means losing; null without both.</param>
/// <param name="WeeksStable">Longest trailing window, in whole weeks, where the smoothed weight moved ≤ max(2 kg, 2 %).</param>
/// <param name="Age">Evaluated year − birth year: the profile holds a birth year only.</param>
/// <param name="IsMassiveWeightLoss">MWL: %EWL ≥ 50 % or loss ≥ 45 kg (plastic-surgery convention, grade D).</param>
/// <param name="IsAfterBariatricSurgery">A bariatric surgery date on or before the evaluated week's end.</param>
public sealed record DerivedValues(
    double ReferenceWeightKg,
    double? StartWeightKg,
    double? SmoothedWeightKg,
    double? Bmi,
    double? TotalLossKg,
    double? TwlPercent,
    double? ExcessWeightKg,
    double? EwlPercent,
    double? DeltaBmi,
    double? LossRateKgPerWeek,
    int WeeksStable,
    int Age,
    bool IsMassiveWeightLoss,
    bool IsAfterBariatricSurgery)
{
    public const double MassiveLossEwlPercent = 50;
    public const double MassiveLossKg = 45;

    /// <summary>Weeks of stable weight that count as "stable" for consultation timing (3 months).</summary>
    public const int StableWeeksForSurgeryTiming = 13;

    /// <summary>The loss rate compares smoothed weights this many weeks apart.</summary>
    public const int LossRateWeeks = 4;

    internal static DerivedValues Compute(RulesProfile profile, WeightHistory history, DateOnly asOf)
    {
        var heightSquared = HeightSquared(profile.HeightCm);
        var referenceWeight = 25 * heightSquared;
        var start = profile.StartWeightKg ?? history.FirstWeightKg;
        var smoothed = history.SmoothedAt(asOf);
        var loss = start - smoothed;
        var excess = start - referenceWeight;
        var ewl = excess > 0 ? loss / excess * 100 : null;
        var earlier = history.SmoothedAt(asOf.AddDays(-7 * LossRateWeeks));
        var surgery = profile.BariatricSurgeryDate;

        return new DerivedValues(
            ReferenceWeightKg: referenceWeight,
            StartWeightKg: start,
            SmoothedWeightKg: smoothed,
            Bmi: smoothed / heightSquared,
            TotalLossKg: loss,
            TwlPercent: loss / start * 100,
            ExcessWeightKg: excess,
            EwlPercent: ewl,
            // Loss / height² equals BMI(start) − BMI(current) and avoids subtracting two rounded quotients.
            DeltaBmi: loss / heightSquared,
            LossRateKgPerWeek: (earlier - smoothed) / LossRateWeeks,
            WeeksStable: history.WeeksStableAt(asOf),
            Age: asOf.Year - profile.BirthYear,
            IsMassiveWeightLoss: ewl >= MassiveLossEwlPercent || loss >= MassiveLossKg,
            IsAfterBariatricSurgery: surgery <= asOf);
    }

    internal static double HeightSquared(double heightCm) => heightCm / 100 * (heightCm / 100);
}
