using System.Net;
using System.Security.Claims;
using System.Text.Json;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.OAuth;
using Microsoft.AspNetCore.Http;

namespace SkinProgress.IntegrationTests.Connections.StandIns;

/// <summary>
/// The authorization-code flow as ASP.NET Core's OAuth handler runs it against a provider configured by
/// <see cref="SkinProgress.Connections.IConnectionProvider.ConfigureOAuth"/>: the consent, then the code exchange
/// through the options' back-channel handler with the fields the handler sends.
/// </summary>
public static class OAuthFlow
{
    public const string RedirectUri = "https://skinprogress.example/v1/connections/provider/callback";

    /// <summary>Opens the authorize URL, presses Consent, and returns the code the redirect carries.</summary>
    public static async Task<string> ConsentAsync(StandInHost standIn, OAuthOptions options)
    {
        using var client = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false });
        var authorize = $"{options.AuthorizationEndpoint}?client_id={Uri.EscapeDataString(options.ClientId)}&response_type=code&redirect_uri={Uri.EscapeDataString(RedirectUri)}&state=s1&scope={Uri.EscapeDataString(string.Join(' ', options.Scope))}";
        using var page = await client.GetAsync(new Uri(authorize));
        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        Assert.Contains("Consent", await page.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        using var consent = await client.PostAsync(standIn.Url("consent"), new FormUrlEncodedContent(new Dictionary<string, string> { ["redirect_uri"] = RedirectUri, ["state"] = "s1" }));
        Assert.Equal(HttpStatusCode.Redirect, consent.StatusCode);
        var query = Microsoft.AspNetCore.WebUtilities.QueryHelpers.ParseQuery(consent.Headers.Location!.Query);
        Assert.Equal("s1", query["state"]);
        return query["code"]!;
    }

    public static async Task<JsonDocument> ExchangeAsync(OAuthOptions options, string code)
    {
        using var backchannel = new HttpClient(options.BackchannelHttpHandler ?? new HttpClientHandler());
        using var response = await backchannel.PostAsync(new Uri(options.TokenEndpoint), new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["client_id"] = options.ClientId,
            ["redirect_uri"] = RedirectUri,
            ["client_secret"] = options.ClientSecret,
            ["code"] = code,
            ["grant_type"] = "authorization_code",
        }));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return JsonDocument.Parse(await response.Content.ReadAsStringAsync());
    }

    public static OAuthCreatingTicketContext Context(OAuthOptions options, JsonDocument tokenResponse) => new(
        new ClaimsPrincipal(),
        new AuthenticationProperties(),
        new DefaultHttpContext(),
        new AuthenticationScheme("provider", null, typeof(OAuthHandler<OAuthOptions>)),
        options,
        new HttpClient(),
        OAuthTokenResponse.Success(tokenResponse),
        tokenResponse.RootElement);
}
