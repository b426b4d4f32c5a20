namespace SkinProgress.Email;

/// <summary>The absolute links the email shows: the summary in the API and the one-click unsubscribe page.</summary>
public sealed record SummaryEmailLinks(string SummaryUrl, string UnsubscribeUrl);

/// <summary>The two bodies of one weekly email, rendered at compile time and stored with the summary.</summary>
public sealed record RenderedSummaryEmail(string Html, string Text);
