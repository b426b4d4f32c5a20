using MimeKit;

namespace SkinProgress.Email.Messages;

/// <summary>Who one weekly email goes to and how to leave the list; supplied at send time.</summary>
/// <param name="UserId">With <paramref name="WeekStart"/>, what the Message-ID is derived from.</param>
/// <param name="UnsubscribeUrl">The one-click (RFC 8058) HTTPS endpoint, e.g. https://…/v1/unsubscribe/{token}.</param>
/// <param name="UnsubscribeMailto">A mailto: URI, e.g. from <see cref="SummaryEmail.UnsubscribeMailto"/>.</param>
public sealed record SummaryEmailEnvelope(
    MailboxAddress From,
    MailboxAddress To,
    string Subject,
    Guid UserId,
    DateOnly WeekStart,
    string UnsubscribeUrl,
    string UnsubscribeMailto);
