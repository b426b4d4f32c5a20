namespace SkinProgress.Connections.Strava;

/// <summary><c>Providers:Strava:*</c>; endpoints from Strava's API v3 reference and its authentication guide.</summary>
public sealed class StravaOptions : ProviderOptions
{
    public StravaOptions()
    {
        AuthorizeUrl = new Uri("https://www.strava.com/oauth/authorize");
        TokenUrl = new Uri("https://www.strava.com/oauth/token");
        ApiBaseUrl = new Uri("https://www.strava.com/api/v3/");
    }

    /// <summary>Where a grant is withdrawn (<c>POST /oauth/deauthorize</c>).</summary>
    public Uri DeauthorizeUrl { get; set; } = new("https://www.strava.com/oauth/deauthorize");

    /// <summary>The secret given when creating the push subscription, echoed back in its validation request.</summary>
    public string? VerifyToken { get; set; }

    /// <summary>Strava's default application limits: 200 requests every 15 minutes and 2,000 a day.</summary>
    public long RequestsPer15Minutes { get; set; } = 200;

    public long RequestsPerDay { get; set; } = 2000;

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

        if (DeauthorizeUrl is not { IsAbsoluteUri: true })
        {
            return "DeauthorizeUrl must be an absolute URL.";
        }

        if (RequestsPer15Minutes < 1 || RequestsPerDay < 1)
        {
            return "RequestsPer15Minutes and RequestsPerDay must be positive.";
        }

        return IsConfigured && string.IsNullOrWhiteSpace(VerifyToken) ? "VerifyToken is required with a ClientId (webhooks cannot be verified without it)." : null;
    }
}
