namespace SkinProgress.Data.Days;

/// <summary>One local day of one user: what a write touches and what is recomputed.</summary>
public readonly record struct UserDay(Guid UserId, DateOnly Date);
