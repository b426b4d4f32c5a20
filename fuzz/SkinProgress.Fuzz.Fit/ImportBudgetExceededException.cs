namespace SkinProgress.Fuzz.Fit;

/// <summary>A read that ended, or would have, but cost more than <see cref="ImportBudget"/> allows: a finding like a crash.</summary>
public sealed class ImportBudgetExceededException : Exception
{
    public ImportBudgetExceededException()
    {
    }

    public ImportBudgetExceededException(string message)
        : base(message)
    {
    }

    public ImportBudgetExceededException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
