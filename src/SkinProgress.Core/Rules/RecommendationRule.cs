namespace SkinProgress.Rules;

/// <summary>A row of the consultation table of docs/rules.md: when it fires, why, what it says and its sources.</summary>
public sealed class RecommendationRule
{
    private readonly Func<RuleContext, IReadOnlyList<Reason>> reasons;
    private readonly Func<RuleContext, IReadOnlyList<CopyLine>> messages;

    /// <param name="reasons">The inputs that fire the rule with their values; empty when it does not fire.</param>
    /// <param name="messages">What the summary says; the lines' own sources join the rule's.</param>
    internal RecommendationRule(
        RecommendationKind kind,
        bool isAddOn,
        string condition,
        IReadOnlyList<RuleSource> sources,
        Func<RuleContext, IReadOnlyList<Reason>> reasons,
        Func<RuleContext, IReadOnlyList<CopyLine>> messages)
    {
        Kind = kind;
        IsAddOn = isAddOn;
        Condition = condition;
        Sources = sources;
        this.reasons = reasons;
        this.messages = messages;
    }

    public RecommendationKind Kind { get; }

    /// <summary>Add-ons are shown beside whichever level wins instead of competing with it.</summary>
    public bool IsAddOn { get; }

    /// <summary>The "fires when" column of docs/rules.md, for reviewers.</summary>
    public string Condition { get; }

    /// <summary>The sources of the condition itself.</summary>
    public IReadOnlyList<RuleSource> Sources { get; }

    /// <returns>The recommendation when the rule fires, else null.</returns>
    public Recommendation? Evaluate(RuleContext context)
    {
        var fired = reasons(context);
        if (fired.Count == 0)
        {
            return null;
        }

        var lines = messages(context);
        return new Recommendation(
            Kind,
            fired,
            [.. Sources.Concat(lines.SelectMany(l => l.Sources)).Distinct()],
            [.. lines.Select(l => l.Text)]);
    }
}
