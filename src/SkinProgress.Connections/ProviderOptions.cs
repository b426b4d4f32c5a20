using Microsoft.AspNetCore.Authentication.OAuth;

namespace SkinProgress.Connections;

/// <summary>
/// What every provider is configured with, bound from <c>Providers:&lt;Name&gt;</c>. The endpoints default to the
/// provider's real ones; tests point them at a stand-in. Without a client id the provider is not offered.
/// </summary>
public abstract class ProviderOptions
{
    public const string Section = "Providers";

    public string? ClientId { get; set; }

    public string? ClientSecret { get; set; }

    public Uri AuthorizeUrl { get; set; } = null!;

    public Uri TokenUrl { get; set; } = null!;

    /// <summary>The API root every data call is relative to; a trailing slash is added when missing.</summary>
    public Uri ApiBaseUrl { get; set; } = null!;

    public bool IsConfigured => !string.IsNullOrWhiteSpace(ClientId);

    /// <summary>Why the options cannot work, or null when they can; checked on start.</summary>
    public virtual string? Problem()
    {
        foreach (var (name, url) in new[] { ("AuthorizeUrl", AuthorizeUrl), ("TokenUrl", TokenUrl), ("ApiBaseUrl", ApiBaseUrl) })
        {
            if (url is null || !url.IsAbsoluteUri || (url.Scheme != Uri.UriSchemeHttps && url.Scheme != Uri.UriSchemeHttp))
            {
                return $"{name} must be an absolute http(s) URL.";
            }
        }

        return IsConfigured && string.IsNullOrWhiteSpace(ClientSecret) ? "ClientSecret is required with a ClientId." : null;
    }

    /// <summary>
    /// Points ASP.NET Core's OAuth handler at this provider with these credentials and one scope entry (the providers
    /// separate scopes with commas or spaces, inside one parameter), without PKCE, which none of them documents.
    /// </summary>
    public void ApplyTo(OAuthOptions options, string scope)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.ClientId = ClientId!;
        options.ClientSecret = ClientSecret!;
        options.AuthorizationEndpoint = AuthorizeUrl.AbsoluteUri;
        options.TokenEndpoint = TokenUrl.AbsoluteUri;
        options.Scope.Clear();
        options.Scope.Add(scope);
        options.UsePkce = false;
    }

    /// <summary>An API path resolved against <see cref="ApiBaseUrl"/>, which keeps its own path (e.g. /api/v3/).</summary>
    public Uri Api(string relative)
    {
        var root = ApiBaseUrl.AbsoluteUri.EndsWith('/') ? ApiBaseUrl : new Uri(ApiBaseUrl.AbsoluteUri + "/");
        return new Uri(root, relative);
    }
}
