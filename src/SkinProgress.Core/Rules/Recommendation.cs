using System.Globalization;

namespace SkinProgress.Rules;

public enum RecommendationKind
{
    /// <summary>No rule fired: the summary shows the habit cards only.</summary>
    None,
    Urgent,
    PromptGp,
    Referral,
    PlasticSurgeonConsult,
    Dermatologist,
    Informational,

    /// <summary>Add-on, shown beside any level except urgent.</summary>
    Dietitian,

    /// <summary>Add-on, shown beside any level except urgent.</summary>
    GpWellbeing,
}

/// <summary>One input that fired a rule, with its value, for the "why am I seeing this" line.</summary>
public sealed record Reason(string Input, string Value)
{
    public static Reason Symptom(string symptom, DateOnly date) =>
        new($"symptom {symptom}", $"on {date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)}");

    public override string ToString() => $"{Input} {Value}";
}

/// <summary>A fired rule as the summary shows it: level, why, the sources, and the sentences.</summary>
public sealed record Recommendation(
    RecommendationKind Kind,
    IReadOnlyList<Reason> Reasons,
    IReadOnlyList<RuleSource> Sources,
    IReadOnlyList<string> Messages);

/// <summary>
/// The consultation part of a summary: the highest level that fired, plus the add-ons.
/// </summary>
/// <param name="Primary">Null when the level is <see cref="RecommendationKind.None"/>.</param>
/// <param name="SuppressOtherContent">
/// Urgent care wins over everything: the summary must show nothing but the urgent message
/// (no add-ons, habit cards or score), so nothing distracts from it.
/// </param>
public sealed record ConsultationResult(
    RecommendationKind Level,
    Recommendation? Primary,
    IReadOnlyList<Recommendation> AddOns,
    bool SuppressOtherContent)
{
    /// <summary>The primary recommendation first, then the add-ons.</summary>
    public IReadOnlyList<Recommendation> All => Primary is null ? AddOns : [Primary, .. AddOns];

    internal static ConsultationResult Evaluate(RuleContext context)
    {
        Recommendation? primary = null;
        List<Recommendation> addOns = [];
        foreach (var rule in RecommendationRules.All)
        {
            if (rule.IsAddOn)
            {
                if (rule.Evaluate(context) is { } addOn)
                {
                    addOns.Add(addOn);
                }
            }
            else if (primary is null)
            {
                // The table is ordered highest level first, so the first primary rule that fires wins.
                primary = rule.Evaluate(context);
            }
        }

        return primary?.Kind == RecommendationKind.Urgent
            ? new ConsultationResult(RecommendationKind.Urgent, primary, [], SuppressOtherContent: true)
            : new ConsultationResult(primary?.Kind ?? RecommendationKind.None, primary, addOns, SuppressOtherContent: false);
    }
}
