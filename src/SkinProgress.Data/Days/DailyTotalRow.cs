using System.Text.Json;
using SkinProgress.Days;
using SkinProgress.Sources;

namespace SkinProgress.Data.Days;

/// <summary>The stored totals of one local day, always recomputed from the raw events, never incremented.</summary>
public sealed class DailyTotalRow
{
    public Guid UserId { get; set; }
    public DateOnly LocalDate { get; set; }
    /// <summary>Minutes keyed "activity/intensity", as JSON.</summary>
    public required string WorkoutMinutes { get; set; }
    public double ModerateEquivalentMinutes { get; set; }
    public int StrengthSessions { get; set; }
    public double ProteinGrams { get; set; }
    public double EnergyKcal { get; set; }
    public double WorkoutEnergyKcal { get; set; }
    public double FluidsMl { get; set; }
    public double? LastWeightKg { get; set; }
    public int SkinChecks { get; set; }
    public int MealCount { get; set; }
    public int EventCount { get; set; }
    public DateTimeOffset UpdatedAt { get; set; }

    /// <summary>
    /// Which sources counted for what and which events were merged (<see cref="DayExplanation"/>), as JSON, written
    /// with the totals by the same recompute; null for days computed before sources were merged.
    /// </summary>
    public string? Explanation { get; set; }

    public static readonly JsonSerializerOptions ExplanationJson = new(JsonSerializerDefaults.Web);

    public DayExplanation? ToExplanation() =>
        Explanation is null ? null : JsonSerializer.Deserialize<DayExplanation>(Explanation, ExplanationJson);

    public DailyTotals ToDailyTotals() => new(
        LocalDate,
        JsonSerializer.Deserialize<Dictionary<string, double>>(WorkoutMinutes) ?? [],
        ModerateEquivalentMinutes,
        StrengthSessions,
        ProteinGrams,
        EnergyKcal,
        WorkoutEnergyKcal,
        FluidsMl,
        LastWeightKg,
        SkinChecks,
        MealCount,
        EventCount);
}
