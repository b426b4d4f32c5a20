namespace SkinProgress.Data.Summaries;

/// <summary>A stored summary locked for sending, with what its email needs of the user.</summary>
public sealed record ClaimedSummary(Guid UserId, string Html, string Text, byte[] ChartPng, string Email, string? DisplayName, string UnsubscribeToken);
