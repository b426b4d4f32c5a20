using System.Net;
using System.Text.Json;
using SkinProgress.Connections.Mapping;

namespace SkinProgress.Connections.Http;

/// <summary>What every provider's data calls do with an answer once the retry pipeline has given up or succeeded.</summary>
internal static class ProviderResponses
{
    /// <summary>
    /// The JSON body of a success. A 401/403 means the token is no longer accepted: the person must connect again.
    /// Anything else unsuccessful (a 5xx or 429 the retries could not outlast) throws <see cref="HttpRequestException"/>
    /// so the caller reschedules; a body that is not JSON throws the same.
    /// </summary>
    public static async Task<JsonDocument> JsonAsync(HttpResponseMessage response, string provider, CancellationToken cancellationToken)
    {
        EnsureSuccess(response, provider);
        var body = await response.Content.ReadAsByteArrayAsync(cancellationToken);
        return Json.Parse(body) ?? throw new HttpRequestException($"{provider} answered {(int)response.StatusCode} with a body that is not JSON.");
    }

    public static void EnsureSuccess(HttpResponseMessage response, string provider)
    {
        if (response.StatusCode is HttpStatusCode.Unauthorized or HttpStatusCode.Forbidden)
        {
            throw new ReauthorizationRequiredException($"{provider} refused the access token ({(int)response.StatusCode}).");
        }

        if (!response.IsSuccessStatusCode)
        {
            throw new HttpRequestException($"{provider} answered {(int)response.StatusCode}.", null, response.StatusCode);
        }
    }
}
