using System.ComponentModel.DataAnnotations;
using MailKit.Security;

namespace SkinProgress.Worker.Summaries;

public sealed class SmtpOptions
{
    public const string Section = "Smtp";

    [Required]
    public string Host { get; set; } = "";

    [Range(1, 65535)]
    public int Port { get; set; } = 25;

    public SecureSocketOptions Security { get; set; } = SecureSocketOptions.Auto;

    public string? Username { get; set; }

    public string? Password { get; set; }
}

public sealed class EmailOptions
{
    public const string Section = "Email";

    [Required, EmailAddress]
    public string From { get; set; } = "";

    public string FromName { get; set; } = "SkinProgress";

    /// <summary>Where users reach the API (links to the summary and the unsubscribe page), e.g. https://skinprogress.example.org.</summary>
    [Required, Url]
    public string PublicBaseUrl { get; set; } = "";

    /// <summary>The mailbox of the List-Unsubscribe mailto link.</summary>
    [Required, EmailAddress]
    public string UnsubscribeMailbox { get; set; } = "";

    /// <summary>Pixels of the chart's PNG per CSS pixel: 2 is sharp on phones, 1 is less than half the bytes and CPU.</summary>
    [Range(1, 3)]
    public int ChartPixelDensity { get; set; } = SkinProgress.Email.Charts.SummaryChart.DefaultPixelDensity;
}
