namespace SkinProgress.Rules;

/// <summary>What the recommendation rules read, all as of the evaluated week's end.</summary>
public sealed class RuleContext
{
    /// <summary>"Last 7 days": the evaluated week itself, its end date included.</summary>
    public const int AcuteWindowDays = 7;

    /// <summary>"Last 12 weeks": the window for recurring, functional and wellbeing symptoms and for the current self-ratings.</summary>
    public const int RecentWeeks = 12;

    /// <summary>Protein history window of the dietitian add-on.</summary>
    public const int ProteinHistoryWeeks = 8;

    private readonly SkinCheckEntry[] checks;

    internal RuleContext(
        RulesProfile profile,
        DateOnly weekEnd,
        DerivedValues derived,
        LooseSkinAssessment? looseSkin,
        IEnumerable<SkinCheckEntry> skinChecks,
        int weeksProteinBelowTarget)
    {
        Profile = profile;
        WeekEnd = weekEnd;
        Derived = derived;
        LooseSkinTier = looseSkin?.Tier;
        WeeksProteinBelowTarget = weeksProteinBelowTarget;
        checks = [.. skinChecks.Where(c => c.Date <= weekEnd).OrderByDescending(c => c.Date)];
        CurrentRegions = checks.FirstOrDefault(c => c.Regions.Count > 0 && IsWithinDays(c.Date, RecentWeeks * 7))?.Regions
            ?? new Dictionary<string, int>();
    }

    public RulesProfile Profile { get; }

    public DateOnly WeekEnd { get; }

    public DerivedValues Derived { get; }

    /// <summary>Null when the start or current weight is unknown.</summary>
    public LooseSkinTier? LooseSkinTier { get; }

    /// <summary>Weeks of the last 8 whose protein was below T3's soft flag; weeks without meals or weight do not count.</summary>
    public int WeeksProteinBelowTarget { get; }

    /// <summary>Self-ratings of the latest skin check with ratings in the last 12 weeks; empty when there is none.</summary>
    public IReadOnlyDictionary<string, int> CurrentRegions { get; }

    public bool IsStable => Derived.WeeksStable >= DerivedValues.StableWeeksForSurgeryTiming;

    /// <summary>Latest date <paramref name="symptom"/> was logged in the <paramref name="days"/> days ending on the week's end.</summary>
    public DateOnly? LatestSymptomDate(string symptom, int days) =>
        checks.FirstOrDefault(c => IsWithinDays(c.Date, days) && c.Symptoms.Contains(symptom, StringComparer.Ordinal))?.Date;

    /// <summary>
    /// How many of the last <paramref name="weeks"/> weeks (aligned on the evaluated week) have
    /// <paramref name="symptom"/> logged at least once: two logs in one week count once.
    /// </summary>
    public int WeeksWithSymptom(string symptom, int weeks) => checks
        .Where(c => IsWithinDays(c.Date, weeks * 7) && c.Symptoms.Contains(symptom, StringComparer.Ordinal))
        .Select(c => (WeekEnd.DayNumber - c.Date.DayNumber) / 7)
        .Distinct()
        .Count();

    private bool IsWithinDays(DateOnly date, int days) => date > WeekEnd.AddDays(-days) && date <= WeekEnd;
}
