namespace SkinProgress.Data.Connections;

/// <summary>
/// Requests a provider application has made in one window of one of its limits, counted by every process that calls
/// the provider; one row per (provider, window name), replaced when the next window starts.
/// </summary>
public sealed class RateBudgetRow
{
    public required string Provider { get; set; }
    public required string WindowName { get; set; }
    public DateTimeOffset StartsAt { get; set; }
    public long Used { get; set; }
}
