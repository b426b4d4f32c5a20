using SkinProgress.IntegrationTests.Connections.StandIns;

namespace SkinProgress.IntegrationTests.Connections;

/// <summary>
/// The three providers' stand-ins on loopback, and the settings that point the Api and the Worker at them: client id
/// and secret, endpoints, Strava's verify token, Polar's webhook secret, Withings' webhook URL (so connecting
/// subscribes), and a short retry back-off so tests wait only where a provider says so (Retry-After).
/// </summary>
public sealed class ProviderStandIns : IAsyncDisposable
{
    public const string StravaVerifyToken = "stand-in-verify-token";
    public const string PolarWebhookSecret = "stand-in-signature-secret";

    /// <summary>Where the Api's webhooks are, as a provider calls them (the fixture's public address).</summary>
    public const string WithingsWebhookUrl = "https://app.skinprogress.test/v1/webhooks/withings";

    private ProviderStandIns(StravaStandIn strava, WithingsStandIn withings, PolarStandIn polar)
    {
        Strava = strava;
        Withings = withings;
        Polar = polar;
        var settings = For(strava, withings, polar);
        settings["Providers:Withings:WebhookUrl"] = WithingsWebhookUrl;
        Settings = settings;
    }

    public StravaStandIn Strava { get; }

    public WithingsStandIn Withings { get; }

    public PolarStandIn Polar { get; }

    /// <summary>The stand-in of the provider with this lower-case name.</summary>
    public StandInHost Named(string provider) => provider switch
    {
        "strava" => Strava,
        "withings" => Withings,
        "polar" => Polar,
        _ => throw new ArgumentOutOfRangeException(nameof(provider)),
    };

    /// <summary>The Providers:* settings for both hosts, to add to the fixture's.</summary>
    public IReadOnlyDictionary<string, string?> Settings { get; }

    public static async Task<ProviderStandIns> StartAsync() => new(
        await StandInHost.StartNewAsync<StravaStandIn>(),
        await StandInHost.StartNewAsync<WithingsStandIn>(),
        await StandInHost.StartNewAsync<PolarStandIn>());

    /// <summary>The fixture's settings with these added: for an Api or a Worker of a test's own.</summary>
    public Dictionary<string, string?> With(IReadOnlyDictionary<string, string?> settings)
    {
        var merged = new Dictionary<string, string?>(settings, StringComparer.Ordinal);
        foreach (var (key, value) in Settings)
        {
            merged[key] = value;
        }

        return merged;
    }

    /// <summary>The settings pointing each given provider at its stand-in; a provider not given is not configured.</summary>
    public static Dictionary<string, string?> For(StravaStandIn? strava = null, WithingsStandIn? withings = null, PolarStandIn? polar = null)
    {
        var values = new Dictionary<string, string?>(StringComparer.Ordinal)
        {
            ["Providers:Http:Resilience:Retry:Delay"] = "00:00:00.050",
            ["Providers:Http:Resilience:Retry:MaxRetryAttempts"] = "4",
        };
        if (strava is not null)
        {
            Point(values, "Strava", strava, "oauth/authorize", "oauth/token", "api/v3/");
            values["Providers:Strava:DeauthorizeUrl"] = strava.Url("oauth/deauthorize").AbsoluteUri;
            values["Providers:Strava:VerifyToken"] = StravaVerifyToken;
        }

        if (withings is not null)
        {
            Point(values, "Withings", withings, "oauth2_user/authorize2", "v2/oauth2", "");
        }

        if (polar is not null)
        {
            Point(values, "Polar", polar, "oauth2/authorization", "v2/oauth2/token", "v3/");
            values["Providers:Polar:WebhookSecret"] = PolarWebhookSecret;
        }

        return values;
    }

    private static void Point(Dictionary<string, string?> values, string name, StandInHost standIn, string authorize, string token, string api)
    {
        values[$"Providers:{name}:ClientId"] = StandInHost.ClientId;
        values[$"Providers:{name}:ClientSecret"] = StandInHost.ClientSecret;
        values[$"Providers:{name}:AuthorizeUrl"] = standIn.Url(authorize).AbsoluteUri;
        values[$"Providers:{name}:TokenUrl"] = standIn.Url(token).AbsoluteUri;
        values[$"Providers:{name}:ApiBaseUrl"] = standIn.Url(api).AbsoluteUri;
    }

    public async ValueTask DisposeAsync()
    {
        await Strava.DisposeAsync();
        await Withings.DisposeAsync();
        await Polar.DisposeAsync();
    }
}
