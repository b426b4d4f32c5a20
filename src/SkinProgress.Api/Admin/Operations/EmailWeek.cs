namespace SkinProgress.Api.Admin.Operations;

/// <summary>
/// One week's weekly emails: summaries compiled (one per user due that week), sent, failed, skipped because the user
/// unsubscribed or logged nothing in four weeks, and still waiting to be sent.
/// </summary>
public sealed record EmailWeek(DateOnly WeekStart, int Compiled, int Sent, int Failed, int Unsubscribed, int NoData, int Waiting);
