namespace SkinProgress.Rules;

/// <summary>Strength of evidence behind a rule, as graded in docs/rules.md (Evidence grades).</summary>
public enum Grade
{
    /// <summary>Official guideline (WHO, NICE, EFSA, NAM/IOM, ACSM position stand, NHS, BAPRAS).</summary>
    A,

    /// <summary>Meta-analysis or validated instrument.</summary>
    B,

    /// <summary>Single cohort study.</summary>
    C,

    /// <summary>Expert opinion or payer policy.</summary>
    D,

    /// <summary>Our own engineering default, with no source behind it.</summary>
    Eng,
}

/// <summary>A citation and its grade, kept beside every rule so a clinician can trace each sentence a user reads.</summary>
public sealed record RuleSource(string Citation, Grade Grade);

/// <summary>A sentence shown to the user together with the sources that back it.</summary>
public sealed record CopyLine(string Text, IReadOnlyList<RuleSource> Sources);
