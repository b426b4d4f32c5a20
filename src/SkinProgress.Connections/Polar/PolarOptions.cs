namespace SkinProgress.Connections.Polar;

/// <summary><c>Providers:Polar:*</c>; endpoints from Polar AccessLink v3's reference.</summary>
public sealed class PolarOptions : ProviderOptions
{
    public PolarOptions()
    {
        AuthorizeUrl = new Uri("https://flow.polar.com/oauth2/authorization");
        TokenUrl = new Uri("https://polarremote.com/v2/oauth2/token");
        ApiBaseUrl = new Uri("https://www.polaraccesslink.com/v3/");
    }

    /// <summary>The <c>signature_secret_key</c> AccessLink returns once, when the application's webhook is created.</summary>
    public string? WebhookSecret { get; set; }

    /// <summary>
    /// AccessLink's limits grow with the number of registered users (500 + 20 per user per 15 minutes, 5,000 + 100
    /// per user a day); the defaults are the floor, which holds whatever the count.
    /// </summary>
    public long RequestsPer15Minutes { get; set; } = 500;

    public long RequestsPerDay { get; set; } = 5000;

    public IReadOnlyList<Http.RateWindow> RateWindows =>
    [
        new("15min", TimeSpan.FromMinutes(15), RequestsPer15Minutes),
        new("day", TimeSpan.FromDays(1), RequestsPerDay),
    ];

    public override string? Problem()
    {
        if (base.Problem() is { } problem)
        {
            return problem;
        }

        if (RequestsPer15Minutes < 1 || RequestsPerDay < 1)
        {
            return "RequestsPer15Minutes and RequestsPerDay must be positive.";
        }

        return IsConfigured && string.IsNullOrWhiteSpace(WebhookSecret) ? "WebhookSecret is required with a ClientId (webhooks cannot be verified without it)." : null;
    }
}
