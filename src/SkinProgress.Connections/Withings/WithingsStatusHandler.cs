using System.Net;
using SkinProgress.Connections.Mapping;

namespace SkinProgress.Connections.Withings;

/// <summary>
/// Turns Withings' transient in-body statuses (HTTP 200 with status 601 or 2555) into the HTTP statuses the retry
/// pipeline understands (429, 503), so they are retried with back-off like any other provider's.
/// </summary>
internal sealed class WithingsStatusHandler : DelegatingHandler
{
    /// <summary>Status answers are tiny; a data body is never inspected past this.</summary>
    private const long MaxInspectedBytes = 4096;

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var response = await base.SendAsync(request, cancellationToken);
        if (response.StatusCode != HttpStatusCode.OK || response.Content.Headers.ContentLength > MaxInspectedBytes)
        {
            return response;
        }

        // Small answers are often sent chunked, without a length: read, then look only if it is small.
        var body = await response.Content.ReadAsByteArrayAsync(cancellationToken);
        using var document = body.Length <= MaxInspectedBytes ? Json.Parse(body) : null;
        if (document is not null && WithingsStatus.Of(document.RootElement) is { } status && WithingsStatus.IsTransient(status))
        {
            response.Dispose();
            return new HttpResponseMessage(status == 601 ? HttpStatusCode.TooManyRequests : HttpStatusCode.ServiceUnavailable) { RequestMessage = request };
        }

        // The body was read: hand it on from memory with its headers.
        var replay = new ByteArrayContent(body);
        foreach (var header in response.Content.Headers)
        {
            replay.Headers.TryAddWithoutValidation(header.Key, header.Value);
        }

        response.Content = replay;
        return response;
    }
}
