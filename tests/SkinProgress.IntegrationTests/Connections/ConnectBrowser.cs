using System.Net;
using System.Net.Http.Json;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Mvc.Testing;

namespace SkinProgress.IntegrationTests.Connections;

/// <summary>
/// What a browser does on the connect page, over the in-process Api: keeps cookies, follows no redirect by itself (so
/// each step can be checked), and goes through the provider's consent page at its stand-in.
/// </summary>
public sealed partial class ConnectBrowser(ApiFactory api) : IDisposable
{
    private readonly HttpClient _browser = api.CreateClient(new WebApplicationFactoryClientOptions
    {
        AllowAutoRedirect = false,
        HandleCookies = true,
        // The session and correlation cookies are Secure: they come back only over https.
        BaseAddress = new Uri("https://localhost"),
    });

    private readonly HttpClient _provider = new(new HttpClientHandler { AllowAutoRedirect = false });

    public static async Task<string> CreateLinkAsync(ApiFactory api, string userKey)
    {
        using var client = api.CreateClient();
        client.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", userKey);
        using var response = await client.PostAsync("/v1/me/connections/link", null);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return (await response.Content.ReadFromJsonAsync<LinkDto>())!.Url;
    }

    /// <summary>Opens a connect link as a browser would: by its path, on this server.</summary>
    public Task<HttpResponseMessage> OpenAsync(string link) => _browser.GetAsync(new Uri(link).PathAndQuery);

    public Task<HttpResponseMessage> GetAsync(string path) => _browser.GetAsync(path);

    /// <summary>Posts a form of the connect page with the page's antiforgery token; answers the Api's response.</summary>
    public async Task<HttpResponseMessage> PostFormAsync(string action)
    {
        using var page = await _browser.GetAsync("/v1/connections");
        var html = await page.Content.ReadAsStringAsync();
        var token = AntiforgeryField().Match(html).Groups[1].Value;
        return await _browser.PostAsync(action, new FormUrlEncodedContent(new Dictionary<string, string> { ["__RequestVerificationToken"] = WebUtility.HtmlDecode(token) }));
    }

    /// <summary>Connect → the provider's consent → its redirect to the callback, whose answer is returned.</summary>
    public async Task<HttpResponseMessage> ConnectAsync(string provider)
    {
        var callback = await StartAuthorizationAsync(provider);
        return await _browser.GetAsync(new Uri(callback).PathAndQuery);
    }

    /// <summary>
    /// Connect, then the provider's consent page and its Consent form (as the stand-in serves them), stopping where the
    /// provider sends the browser back: the callback URL.
    /// </summary>
    public async Task<string> StartAuthorizationAsync(string provider)
    {
        using var connect = await PostFormAsync($"/v1/connections/{provider}/connect");
        Assert.Equal(HttpStatusCode.Redirect, connect.StatusCode);
        var authorize = connect.Headers.Location!;
        using var page = await _provider.GetAsync(authorize);
        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        var html = await page.Content.ReadAsStringAsync();
        var fields = HiddenField().Matches(html).ToDictionary(m => m.Groups[1].Value, m => WebUtility.HtmlDecode(m.Groups[2].Value));
        using var consent = await _provider.PostAsync(new Uri(authorize, "/consent"), new FormUrlEncodedContent(fields));
        Assert.Equal(HttpStatusCode.Redirect, consent.StatusCode);
        return consent.Headers.Location!.ToString();
    }

    public void Dispose()
    {
        _browser.Dispose();
        _provider.Dispose();
    }

    [GeneratedRegex("name=\"__RequestVerificationToken\"[^>]*value=\"([^\"]+)\"")]
    private static partial Regex AntiforgeryField();

    [GeneratedRegex("<input type=\"hidden\" name=\"([^\"]+)\" value=\"([^\"]*)\">")]
    private static partial Regex HiddenField();

    private sealed record LinkDto(string Url, DateTimeOffset ExpiresAt);
}
