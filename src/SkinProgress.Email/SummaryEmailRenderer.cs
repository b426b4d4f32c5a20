using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Web;
using System.Text.Encodings.Web;
using System.Text.Unicode;
using Microsoft.Extensions.Logging;
using SkinProgress.Email.Templates;
using SkinProgress.Summaries;

namespace SkinProgress.Email;

/// <summary>
/// Renders a weekly summary to the email's HTML (Razor components through <see cref="HtmlRenderer"/>, which encodes
/// every value) and to its plain-text part. Stateless and thread-safe: register it as a singleton.
/// </summary>
public sealed class SummaryEmailRenderer(IServiceProvider services, ILoggerFactory loggerFactory)
{
    private readonly EmailServices emailServices = new(services);

    /// <param name="reconnect">The connections that stopped sharing data, when there are any, with their reconnect link.</param>
    public async Task<RenderedSummaryEmail> RenderAsync(WeeklySummary summary, SummaryEmailLinks links, string? displayName, ReconnectNotice? reconnect = null)
    {
        ArgumentNullException.ThrowIfNull(summary);
        ArgumentNullException.ThrowIfNull(links);
        RequireWebLink(links.SummaryUrl, nameof(links));
        RequireWebLink(links.UnsubscribeUrl, nameof(links));
        if (reconnect is not null)
        {
            RequireWebLink(reconnect.Url, nameof(reconnect));
        }

        var name = SummaryWording.Name(displayName);
        await using var renderer = new HtmlRenderer(emailServices, loggerFactory);
        var html = await renderer.Dispatcher.InvokeAsync(async () =>
        {
            var parameters = ParameterView.FromDictionary(new Dictionary<string, object?>
            {
                [nameof(SummaryEmailHtml.Summary)] = summary,
                [nameof(SummaryEmailHtml.Links)] = links,
                [nameof(SummaryEmailHtml.DisplayName)] = name,
                [nameof(SummaryEmailHtml.Reconnect)] = reconnect,
            });
            var output = await renderer.RenderComponentAsync<SummaryEmailHtml>(parameters);
            return output.ToHtmlString();
        });

        return new RenderedSummaryEmail(html, SummaryEmailText.Render(summary, links, name, reconnect));
    }

    private static void RequireWebLink(string url, string paramName)
    {
        if (!Uri.TryCreate(url, UriKind.Absolute, out var uri) || (uri.Scheme != Uri.UriSchemeHttps && uri.Scheme != Uri.UriSchemeHttp))
        {
            throw new ArgumentException($"'{url}' is not an absolute http(s) link.", paramName);
        }
    }

    /// <summary>
    /// The application's services, except that HTML is encoded with an encoder that leaves non-ASCII text
    /// (–, ↑, accented names) as it is: HtmlEncoder.Default would write every such character as a numeric reference.
    /// Markup characters (&lt; &gt; &amp; " ') are still encoded. Not registered in the container, so the
    /// application's own HtmlEncoder stays as it is.
    /// </summary>
    private sealed class EmailServices(IServiceProvider inner) : IServiceProvider
    {
        private static readonly HtmlEncoder Encoder = HtmlEncoder.Create(UnicodeRanges.All);

        public object? GetService(Type serviceType) =>
            serviceType == typeof(HtmlEncoder) ? Encoder : inner.GetService(serviceType);
    }
}
