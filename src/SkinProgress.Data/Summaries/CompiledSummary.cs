namespace SkinProgress.Data.Summaries;

/// <summary>One user's compiled week, as <see cref="WeeklySummaryStatements.StoreCompiledAsync"/> stores it.</summary>
/// <param name="SummaryJson">The summary the API serves, as JSON.</param>
/// <param name="ChartPng">The email's inline chart.</param>
/// <param name="EmailDue">Whether the week is worth an email (see <see cref="WeeklySummaryRow.EmailDue"/>).</param>
public sealed record CompiledSummary(Guid UserId, DateOnly WeekStart, string SummaryJson, string Html, string Text, byte[] ChartPng, bool EmailDue);
