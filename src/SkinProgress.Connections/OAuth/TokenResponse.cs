using System.Text.Json;
using SkinProgress.Connections.Mapping;

namespace SkinProgress.Connections.OAuth;

/// <summary>Reads an OAuth 2.0 token response (RFC 6749 §5.1) the lenient way every provider needs.</summary>
internal static class TokenResponse
{
    /// <summary>
    /// The tokens, or null without an access token. The expiry is <c>expires_at</c> (Strava, epoch seconds) or now +
    /// <c>expires_in</c>; a response with neither (Strava's pre-2018 "forever" tokens) never expires.
    /// </summary>
    public static TokenSet? Read(JsonElement response, DateTimeOffset now)
    {
        if (response.Text("access_token") is not { Length: > 0 } access)
        {
            return null;
        }

        var expiresAt = response.UnixSeconds("expires_at")
            ?? (response.Number("expires_in") is { } seconds && seconds is > 0 and < 100 * 365 * 86400.0 ? now.AddSeconds(seconds) : null);
        return new TokenSet(access, response.Text("refresh_token") is { Length: > 0 } refresh ? refresh : null, expiresAt);
    }
}
