namespace SkinProgress.Data.Summaries;

/// <summary>
/// One compiled weekly summary, unique per (user, week): the JSON the API serves and the HTML and text
/// the email carried. <see cref="SentAt"/> is set in the same transaction that holds the row while mailing,
/// which is what keeps a re-run or retried send job from emailing twice.
/// </summary>
public sealed class WeeklySummaryRow
{
    public const int SendFailureMaxLength = 1000;

    public Guid UserId { get; set; }
    public DateOnly WeekStart { get; set; }
    public required string Summary { get; set; }
    public required string Html { get; set; }
    public required string Text { get; set; }
    /// <summary>The inline chart (PNG), rendered once at compile time so a retried send mails the same bytes.</summary>
    public required byte[] ChartPng { get; set; }
    /// <summary>False for a user with nothing logged in four weeks: the summary is kept, no email goes out.</summary>
    public bool EmailDue { get; set; }
    public DateTimeOffset CompiledAt { get; set; }
    public DateTimeOffset? SentAt { get; set; }

    /// <summary>
    /// Set instead of <see cref="SentAt"/> when this one email cannot go out: the stored address is no single
    /// mailbox, or the SMTP server refused it for good (5xx). Final for the week: the send job skips it from then on.
    /// </summary>
    public DateTimeOffset? SendFailedAt { get; set; }

    /// <summary>Why, for admins: the address's problem or the SMTP server's reply.</summary>
    public string? SendFailure { get; set; }
}
