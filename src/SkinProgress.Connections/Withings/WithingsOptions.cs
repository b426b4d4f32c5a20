namespace SkinProgress.Connections.Withings;

/// <summary><c>Providers:Withings:*</c>; endpoints from Withings' API reference (OAuth2, Measure, Notify).</summary>
public sealed class WithingsOptions : ProviderOptions
{
    public WithingsOptions()
    {
        AuthorizeUrl = new Uri("https://account.withings.com/oauth2_user/authorize2");
        TokenUrl = new Uri("https://wbsapi.withings.net/v2/oauth2");
        ApiBaseUrl = new Uri("https://wbsapi.withings.net/");
    }

    /// <summary>
    /// The URL Withings posts notifications to, <c>{PublicBaseUrl}/v1/webhooks/withings</c>; subscribed for each person
    /// on connect. Without it nothing is subscribed and only the backfill fetches.
    /// </summary>
    public Uri? WebhookUrl { get; set; }

    /// <summary>Withings' published application limit: 120 requests a minute.</summary>
    public long RequestsPerMinute { get; set; } = 120;

    public IReadOnlyList<Http.RateWindow> RateWindows => [new("minute", TimeSpan.FromMinutes(1), RequestsPerMinute)];

    public override string? Problem()
    {
        if (base.Problem() is { } problem)
        {
            return problem;
        }

        if (WebhookUrl is { IsAbsoluteUri: false })
        {
            return "WebhookUrl must be an absolute URL.";
        }

        return RequestsPerMinute < 1 ? "RequestsPerMinute must be positive." : null;
    }
}
