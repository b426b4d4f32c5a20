namespace SkinProgress.Contracts;

/// <summary>
/// An admin asked for summaries now: for one user or everybody due, for a given week or the last completed one.
/// The Worker turns it into the same compile and send jobs the schedule uses, so a run on demand is just as
/// idempotent as a scheduled one.
/// </summary>
public sealed record SummaryRunRequested(Guid RunId, Guid? UserId, DateOnly? WeekStart, DateTimeOffset RequestedAt);
