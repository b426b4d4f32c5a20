using System.Buffers.Text;
using System.Security.Cryptography;

namespace SkinProgress.Api.Security;

/// <summary>
/// One HTML response's Content-Security-Policy. It starts from a policy under which nothing loads unless named:
/// scripts and styles from this origin (or carrying the response's nonce), images from this origin or data: URIs,
/// requests back to this origin only; no page may be framed, change its base URL or post a form elsewhere. A page
/// that cannot work under it widens it while it is being made, for that response only, and says why there.
/// </summary>
public sealed class ContentSecurityPolicy
{
    private readonly List<(string Directive, List<string> Sources)> _directives =
    [
        ("default-src", ["'none'"]),
        ("base-uri", ["'none'"]),
        ("frame-ancestors", ["'none'"]),
        ("form-action", ["'self'"]),
        ("script-src", ["'self'"]),
        ("style-src", ["'self'"]),
        ("img-src", ["'self'", "data:"]),
        ("font-src", ["'self'"]),
        ("connect-src", ["'self'"]),
    ];

    private string? _nonce;

    /// <summary>The policy of a response that no page widened.</summary>
    public static string Default { get; } = new ContentSecurityPolicy().ToString();

    /// <summary>
    /// This response's nonce: an inline script or style element carrying it runs. Made on first use, so the policy
    /// names a nonce only on pages that hand one out.
    /// </summary>
    public string Nonce
    {
        get
        {
            if (_nonce is null)
            {
                // Base64url: nothing for HTML to escape in the attribute.
                _nonce = Base64Url.EncodeToString(RandomNumberGenerator.GetBytes(16));
                // Only the base directives: next to a nonce a browser ignores 'unsafe-inline', which a page may
                // allow in style-src-elem or style-src-attr.
                Allow("script-src", $"'nonce-{_nonce}'");
                Allow("style-src", $"'nonce-{_nonce}'");
            }

            return _nonce;
        }
    }

    /// <summary>Adds sources to a directive, creating it if the policy has none.</summary>
    public ContentSecurityPolicy Allow(string directive, params string[] sources)
    {
        var index = _directives.FindIndex(d => d.Directive == directive);
        if (index < 0)
        {
            _directives.Add((directive, [.. sources]));
        }
        else
        {
            _directives[index].Sources.AddRange(sources.Except(_directives[index].Sources));
        }

        return this;
    }

    public override string ToString() => string.Join("; ", _directives.Select(d => $"{d.Directive} {string.Join(' ', d.Sources)}"));
}
