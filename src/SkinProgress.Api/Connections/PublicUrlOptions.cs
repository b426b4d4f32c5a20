using System.ComponentModel.DataAnnotations;

namespace SkinProgress.Api.Connections;

/// <summary>
/// The address people reach the Api on, shared with the weekly email (Email:PublicBaseUrl): one public address per
/// deployment. Connect links point there; without it they point at the origin the link was asked for on.
/// </summary>
public sealed class PublicUrlOptions
{
    public const string Section = "Email";

    [Url(ErrorMessage = "Email:PublicBaseUrl must be an absolute http(s) URL.")]
    public string? PublicBaseUrl { get; set; }

    public string BaseUrlFor(HttpRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        return string.IsNullOrWhiteSpace(PublicBaseUrl) ? $"{request.Scheme}://{request.Host}{request.PathBase}" : PublicBaseUrl.TrimEnd('/');
    }
}
