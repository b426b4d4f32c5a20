using System.Net;
using System.Text;
using System.Text.Json;
using SkinProgress.Connections.Mapping;

namespace SkinProgress.Connections.Withings;

/// <summary>
/// Adapts Withings' token endpoint to OAuth 2.0 as ASP.NET Core's handler speaks it: the request gains
/// <c>action=requesttoken</c>, and the answer <c>{"status":0,"body":{…tokens…}}</c> becomes the plain token response
/// (<c>{"status":n}</c> otherwise becomes a 400 <c>invalid_grant</c>). Used as the OAuth handler's back-channel.
/// </summary>
public sealed class WithingsTokenHandler : DelegatingHandler
{
    public WithingsTokenHandler(HttpMessageHandler inner) : base(inner)
    {
    }

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (request.Method == HttpMethod.Post && request.Content is FormUrlEncodedContent form)
        {
            var fields = await form.ReadAsStringAsync(cancellationToken);
            request.Content = new StringContent(fields + "&action=requesttoken", Encoding.ASCII, "application/x-www-form-urlencoded");
        }

        var response = await base.SendAsync(request, cancellationToken);
        if (!response.IsSuccessStatusCode)
        {
            return response;
        }

        var body = await response.Content.ReadAsByteArrayAsync(cancellationToken);
        response.Dispose();
        using var document = Json.Parse(body);
        var root = document?.RootElement;
        if (root is { } r && WithingsStatus.Of(r) == WithingsStatus.Success && r.Property("body") is { ValueKind: JsonValueKind.Object } tokens)
        {
            return Answer(HttpStatusCode.OK, tokens.GetRawText(), request);
        }

        var status = root is { } e ? WithingsStatus.Of(e) : null;
        return Answer(
            HttpStatusCode.BadRequest,
            JsonSerializer.Serialize(new Dictionary<string, string> { ["error"] = "invalid_grant", ["error_description"] = $"Withings status {status}" }),
            request);
    }

    private static HttpResponseMessage Answer(HttpStatusCode status, string json, HttpRequestMessage request) =>
        new(status) { Content = new StringContent(json, Encoding.UTF8, "application/json"), RequestMessage = request };
}
