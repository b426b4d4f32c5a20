using SkinProgress.Days;
using SkinProgress.Rules;
using SkinProgress.Sources;

namespace SkinProgress.Summaries;

/// <summary>Everything one weekly summary is built from. Pure data: the caller loads it, the builder does no I/O.</summary>
/// <param name="WeekStart">First local date of the summarised week; the week is the 7 local days from it.</param>
/// <param name="Days">
/// The user's daily totals, at most one per date, covering this week and as much history as the caller has:
/// the baseline reads the previous 4 weeks, the rules up to 12 weeks of symptoms, 8 weeks of protein and the
/// whole weight history (for the start weight when the profile has none, and for weeks of stability).
/// Dates missing from the list count as days with nothing logged; dates after the week's end are ignored.
/// Weigh-ins are taken from <see cref="DailyTotals.LastWeightKg"/>.
/// </param>
/// <param name="SkinChecks">Skin self-checks (they are not in the daily totals); entries after the week's end are ignored.</param>
/// <param name="Merges">
/// What each day counted once though several sources reported it (<see cref="DayExplanation.Tally"/>); a date
/// missing merged nothing, and dates outside the week are ignored.
/// </param>
public sealed record SummaryInput(
    RulesProfile Profile,
    DateOnly WeekStart,
    IReadOnlyList<DailyTotals> Days,
    IReadOnlyList<SkinCheckEntry> SkinChecks,
    IReadOnlyDictionary<DateOnly, MergeTally>? Merges = null)
{
    public DateOnly WeekEnd => WeekStart.AddDays(6);
}
