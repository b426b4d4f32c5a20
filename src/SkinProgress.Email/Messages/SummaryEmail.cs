using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using MimeKit;
using SkinProgress.Email.Templates;

namespace SkinProgress.Email.Messages;

/// <summary>
/// Builds the MIME message of one weekly email: multipart/related whose root is multipart/alternative
/// (text/plain, then text/html), with the chart as an inline image/png the HTML references by Content-ID.
/// Pure: no I/O and no SMTP, so one SMTP connection can send any number of these.
/// </summary>
public static class SummaryEmail
{
    /// <summary>The chart's Content-ID; the stored HTML references it as cid:…, so it never changes.</summary>
    public const string ChartContentId = "weekly-chart@skinprogress";

    public const string ChartFileName = "weekly-chart.png";

    /// <summary>"Your SkinProgress week of 16 Nov 2026".</summary>
    public static string Subject(DateOnly weekStart) => $"Your {SummaryWording.ProductName} week of {SummaryWording.Date(weekStart)}";

    /// <summary>"mailto:{mailbox}?subject=unsubscribe-{token}".</summary>
    public static string UnsubscribeMailto(string mailbox, string token)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(mailbox);
        ArgumentException.ThrowIfNullOrWhiteSpace(token);
        return $"mailto:{mailbox}?subject=unsubscribe-{Uri.EscapeDataString(token)}";
    }

    /// <summary>
    /// The Message-ID (without angle brackets) for one user and week: the same (user, week) always gets the same id,
    /// so a duplicate is recognisable; the user id is hashed so the header does not reveal it.
    /// </summary>
    public static string MessageId(Guid userId, DateOnly weekStart, string domain)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(domain);
        var hash = SHA256.HashData(Encoding.UTF8.GetBytes(string.Create(CultureInfo.InvariantCulture, $"{userId:D}|{weekStart:yyyy-MM-dd}")));
        return string.Create(CultureInfo.InvariantCulture, $"weekly-summary.{weekStart:yyyyMMdd}.{Convert.ToHexStringLower(hash, 0, 16)}@{domain}");
    }

    public static MimeMessage Build(RenderedSummaryEmail rendered, byte[] chartPng, SummaryEmailEnvelope envelope)
    {
        ArgumentNullException.ThrowIfNull(rendered);
        ArgumentNullException.ThrowIfNull(chartPng);
        ArgumentNullException.ThrowIfNull(envelope);
        ArgumentNullException.ThrowIfNull(envelope.From);
        ArgumentNullException.ThrowIfNull(envelope.To);
        ArgumentException.ThrowIfNullOrWhiteSpace(envelope.Subject);
        var unsubscribeUrl = HeaderUri(envelope.UnsubscribeUrl, Uri.UriSchemeHttps, Uri.UriSchemeHttp);
        var unsubscribeMailto = HeaderUri(envelope.UnsubscribeMailto, Uri.UriSchemeMailto);

        var message = new MimeMessage();
        message.From.Add(envelope.From);
        message.To.Add(envelope.To);
        message.Subject = envelope.Subject;
        message.MessageId = MessageId(envelope.UserId, envelope.WeekStart, Domain(envelope.From));
        message.Headers.Add("List-Unsubscribe", $"<{unsubscribeUrl}>, <{unsubscribeMailto}>");
        message.Headers.Add("List-Unsubscribe-Post", "List-Unsubscribe=One-Click");
        message.Headers.Add("Auto-Submitted", "auto-generated");

        var alternative = new MultipartAlternative
        {
            new TextPart("plain") { Text = rendered.Text, ContentTransferEncoding = ContentEncoding.QuotedPrintable },
            new TextPart("html") { Text = rendered.Html, ContentTransferEncoding = ContentEncoding.QuotedPrintable },
        };
        var chart = new MimePart("image", "png")
        {
            Content = new MimeContent(new MemoryStream(chartPng, writable: false)),
            ContentDisposition = new ContentDisposition(ContentDisposition.Inline) { FileName = ChartFileName },
            ContentTransferEncoding = ContentEncoding.Base64,
            ContentId = ChartContentId,
        };
        var related = new MultipartRelated { Root = alternative };
        related.Add(chart);
        message.Body = related;
        return message;
    }

    private static string HeaderUri(string value, params string[] schemes)
    {
        if (!Uri.TryCreate(value, UriKind.Absolute, out var uri) || !schemes.Contains(uri.Scheme)
            || value.Any(c => c is '<' or '>' or ',' || char.IsWhiteSpace(c) || char.IsControl(c)))
        {
            throw new ArgumentException($"'{value}' is not a valid {string.Join(" or ", schemes)} URI for List-Unsubscribe.", nameof(value));
        }

        return value;
    }

    private static string Domain(MailboxAddress from) =>
        from.Domain is { Length: > 0 } domain ? domain : "skinprogress.invalid";
}
