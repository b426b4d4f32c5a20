namespace SkinProgress.Rules;

public enum Sex
{
    Unspecified,
    Female,
    Male,
}

/// <summary>
/// The profile fields the rules read. Time zone, week start day and summary hour decide which week is
/// evaluated and when, which is the caller's business: the rules see only finished local dates.
/// </summary>
/// <param name="StartWeightKg">When absent the first logged weight is the start (docs/rules.md, Derived values).</param>
/// <param name="GoalWeightKg">Shown in summaries; no rule in docs/rules.md reads it.</param>
public sealed record RulesProfile(
    double HeightCm,
    int BirthYear,
    Sex Sex,
    double? StartWeightKg = null,
    double? GoalWeightKg = null,
    DateOnly? BariatricSurgeryDate = null,
    bool? Smoker = null);

/// <summary>One local week of habit totals, keyed by the local date its week starts on.</summary>
/// <param name="ModerateEquivalentMinutes">Moderate minutes + 2 × vigorous minutes (see <see cref="AerobicMinutes"/>).</param>
/// <param name="StrengthDays">Local calendar days with at least one strength-training workout.</param>
/// <param name="MeanProteinGramsPerDay">Mean over the 7 days, days with nothing logged counting as zero; null when no meal was logged all week.</param>
/// <param name="MeanFluidLitresPerDay">Mean over the 7 days, days with nothing logged counting as zero; null when nothing was logged all week.</param>
/// <param name="DaysWithData">Days of the week with anything logged; fewer than 4 makes the score partial.</param>
public sealed record WeekActivity(
    DateOnly WeekStart,
    double ModerateEquivalentMinutes,
    int StrengthDays,
    double? MeanProteinGramsPerDay,
    double? MeanFluidLitresPerDay,
    int DaysWithData)
{
    /// <summary>A week with nothing logged: the rules still produce a (zero, partial) score for it.</summary>
    public static WeekActivity Empty(DateOnly weekStart) => new(weekStart, 0, 0, null, null, 0);
}

public sealed record WeighIn(DateOnly Date, double Kg);

/// <param name="Regions">Region (see <c>SkinRegions</c>) to self-rating 0–3.</param>
/// <param name="Symptoms">Symptom names (see <c>Symptoms</c>).</param>
public sealed record SkinCheckEntry(DateOnly Date, IReadOnlyDictionary<string, int> Regions, IReadOnlyList<string> Symptoms);

/// <summary>Everything one evaluation needs. Histories may hold entries after the evaluated week; they are ignored.</summary>
/// <param name="WeekStart">First local date of the evaluated week.</param>
/// <param name="Weeks">Weekly totals for the evaluated week and the weeks before it, keyed by <see cref="WeekActivity.WeekStart"/>.</param>
public sealed record RulesInput(
    RulesProfile Profile,
    DateOnly WeekStart,
    IReadOnlyList<WeekActivity> Weeks,
    IReadOnlyList<WeighIn> WeighIns,
    IReadOnlyList<SkinCheckEntry> SkinChecks)
{
    /// <summary>
    /// The as-of date of every rule: "last 7 days", "last 12 weeks", smoothing, age and time since surgery
    /// are all counted back from here, so re-running a past week gives the same answer.
    /// </summary>
    public DateOnly WeekEnd => WeekStart.AddDays(6);
}
