using System.Net.Http.Headers;
using System.Text;
using Microsoft.AspNetCore.WebUtilities;

namespace SkinProgress.Connections.Polar;

/// <summary>
/// Polar's token endpoint authenticates the client with HTTP Basic (RFC 6749 §2.3.1), not with form fields: the
/// OAuth handler's <c>client_id</c>/<c>client_secret</c> move from the form into the Authorization header.
/// </summary>
public sealed class PolarTokenHandler : DelegatingHandler
{
    public PolarTokenHandler(HttpMessageHandler inner) : base(inner)
    {
    }

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (request.Method == HttpMethod.Post && request.Content is FormUrlEncodedContent form)
        {
            var fields = QueryHelpers.ParseQuery(await form.ReadAsStringAsync(cancellationToken));
            if (fields.Remove("client_id", out var id) && fields.Remove("client_secret", out var secret))
            {
                request.Headers.Authorization = Basic(id.ToString(), secret.ToString());
                request.Content = new FormUrlEncodedContent(fields.Select(f => KeyValuePair.Create(f.Key, f.Value.ToString())));
            }
        }

        request.Headers.Accept.ParseAdd("application/json");
        return await base.SendAsync(request, cancellationToken);
    }

    /// <summary>Both parts form-encoded before joining, as RFC 6749 §2.3.1 asks.</summary>
    public static AuthenticationHeaderValue Basic(string clientId, string clientSecret) =>
        new("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes($"{Uri.EscapeDataString(clientId)}:{Uri.EscapeDataString(clientSecret)}")));
}
