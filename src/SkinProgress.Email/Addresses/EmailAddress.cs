using System.Diagnostics.CodeAnalysis;
using System.Globalization;
using System.Text;
using MimeKit;

namespace SkinProgress.Email.Addresses;

/// <summary>
/// A user's email address: exactly one mailbox, parsed by MimeKit (the library that later writes it into the
/// message, so what is accepted here is what the send job can address) and kept in one normal form, the bare
/// addr-spec: the local part as written, the domain in lower-case ASCII (an international domain as punycode), no
/// display name. The same rules decide where an admin enters an address and where the send job reads it back.
/// </summary>
public sealed record EmailAddress
{
    /// <summary>RFC 5321's 256-octet forward path less its angle brackets.</summary>
    public const int MaxLength = 254;

    /// <summary>RFC 5321, 4.5.3.1.1.</summary>
    private const int MaxLocalPartBytes = 64;

    private const string Example = "name@example.org";

    private static readonly ParserOptions Strict = new()
    {
        AddressParserComplianceMode = RfcComplianceMode.Strict,
        Rfc2047ComplianceMode = RfcComplianceMode.Strict,
        AllowAddressesWithoutDomain = false,
        AllowUnquotedCommasInAddresses = false,
    };

    private EmailAddress(string value) => Value = value;

    /// <summary>The normal form: what is stored, compared and mailed to.</summary>
    public string Value { get; }

    /// <summary>
    /// Reads one mailbox. "Name &lt;x@example.org&gt;" and "x@example.org (comment)" are that one mailbox and become
    /// x@example.org; a list, a group, a source route, an address literal, a domain that is no host name with a
    /// dot, and any control or invisible character are refused, with <paramref name="problem"/> saying why.
    /// </summary>
    public static bool TryParse(string? text, [NotNullWhen(true)] out EmailAddress? address, [NotNullWhen(false)] out string? problem)
    {
        problem = Normalize(text, out var value);
        address = problem is null ? new EmailAddress(value!) : null;
        return address is not null;
    }

    /// <summary>The mailbox to put in a message's To header and the SMTP envelope.</summary>
    public MailboxAddress ToMailbox(string? displayName) => new(displayName ?? "", Value);

    public override string ToString() => Value;

    private static string? Normalize(string? text, out string? value)
    {
        value = null;
        var trimmed = text?.Trim();
        if (string.IsNullOrEmpty(trimmed))
        {
            return $"Required: one email address such as {Example}.";
        }

        if (trimmed.Length > MaxLength)
        {
            return $"At most {MaxLength} characters.";
        }

        // CR/LF would end a header line, NUL ends strings in C mail tools; invisible format characters (zero-width,
        // bidi overrides) let two different addresses look the same.
        if (trimmed.Any(c => char.IsControl(c) || CharUnicodeInfo.GetUnicodeCategory(c) == UnicodeCategory.Format))
        {
            return "Must not contain control or invisible characters.";
        }

        if (!TryNormalizeUnicode(trimmed, out var composed))
        {
            return "Must be valid Unicode text.";
        }

        if (!MailboxAddress.TryParse(Strict, composed, out var mailbox))
        {
            return InternetAddressList.TryParse(Strict, composed, out var list) switch
            {
                true when list.Count > 1 => $"One address only; this holds {list.Count}.",
                true when list[0] is GroupAddress => "One mailbox, not a group.",
                _ => $"Not an email address such as {Example}.",
            };
        }

        if (mailbox.Route.Count > 0)
        {
            return "Source routes (<@host:…>) are not accepted.";
        }

        if (mailbox.Domain.StartsWith('['))
        {
            return "The domain must be a host name such as example.org, not an address literal.";
        }

        if (!TryAsciiDomain(mailbox.Domain, out var domain))
        {
            return "The domain must be a host name with a dot, such as example.org.";
        }

        if (Encoding.UTF8.GetByteCount(mailbox.LocalPart) > MaxLocalPartBytes)
        {
            return $"The part before @ must be at most {MaxLocalPartBytes} bytes.";
        }

        var normal = $"{mailbox.LocalPart}@{domain}";
        if (normal.Length > MaxLength)
        {
            return $"At most {MaxLength} characters.";
        }

        value = normal;
        return null;
    }

    private static bool TryNormalizeUnicode(string text, out string composed)
    {
        try
        {
            // One form for one address: "é" typed composed or decomposed is the same user.
            composed = text.Normalize(NormalizationForm.FormC);
            return true;
        }
        catch (ArgumentException)
        {
            // A lone surrogate: no character at all.
            composed = "";
            return false;
        }
    }

    private static bool TryAsciiDomain(string domain, [NotNullWhen(true)] out string? ascii)
    {
        ascii = null;
        try
        {
            // STD3 rules: letters, digits and inner hyphens only, so "ex_ample.org" and "-example.org" fail. A new
            // mapping each time: IdnMapping's instance members are not documented as thread-safe.
            var encoded = new IdnMapping { UseStd3AsciiRules = true }.GetAscii(domain).ToLowerInvariant();
            var labels = encoded.Split('.');
            // A dot and a top-level label that is not all digits: no bare host names, no dotted IPv4.
            if (labels.Length < 2 || labels[^1].All(char.IsAsciiDigit))
            {
                return false;
            }

            ascii = encoded;
            return true;
        }
        catch (ArgumentException)
        {
            return false;
        }
    }
}
