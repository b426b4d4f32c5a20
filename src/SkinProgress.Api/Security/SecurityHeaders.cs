using Microsoft.Net.Http.Headers;

namespace SkinProgress.Api.Security;

/// <summary>
/// Headers that tell a browser how far to trust what this server sends: every response is taken for the type it
/// declares (nosniff), and every HTML page gets its Content-Security-Policy, is never framed and sends no Referer
/// (the unsubscribe page's URL is its only credential).
/// </summary>
public static class SecurityHeaders
{
    /// <summary>
    /// Set when the response starts, so answers written after an exception (whose handler clears the headers) and
    /// pages rendered by other middleware (the jobs dashboard) get them too. Goes first in the pipeline.
    /// </summary>
    public static WebApplication UseSecurityHeaders(this WebApplication app)
    {
        app.Use((context, next) =>
        {
            context.Response.OnStarting(static state =>
            {
                var context = (HttpContext)state;
                var headers = context.Response.Headers;
                headers.XContentTypeOptions = "nosniff";
                if (IsHtml(context.Response.ContentType))
                {
                    headers.ContentSecurityPolicy = context.Features.Get<ContentSecurityPolicy>()?.ToString() ?? ContentSecurityPolicy.Default;
                    // frame-ancestors says the same to browsers that read CSP; this replaces the SAMEORIGIN antiforgery
                    // sets when it hands out a token, and covers browsers that do not.
                    headers.XFrameOptions = "DENY";
                    headers["Referrer-Policy"] = "no-referrer";
                }

                return Task.CompletedTask;
            }, context);
            return next(context);
        });
        return app;
    }

    /// <summary>This response's Content-Security-Policy, for a page to take its nonce from or to widen.</summary>
    public static ContentSecurityPolicy Csp(this HttpContext context)
    {
        if (context.Features.Get<ContentSecurityPolicy>() is not { } policy)
        {
            policy = new ContentSecurityPolicy();
            context.Features.Set(policy);
        }

        return policy;
    }

    private static bool IsHtml(string? contentType) =>
        MediaTypeHeaderValue.TryParse(contentType, out var type) && type.MediaType.Equals("text/html", StringComparison.OrdinalIgnoreCase);
}
