using System.Text.Json;
using SkinProgress.Connections.Mapping;

namespace SkinProgress.Connections.Withings;

/// <summary>
/// Withings answers HTTP 200 and puts the outcome in a <c>status</c> field (0 is success); these are the documented
/// codes that change what we do.
/// </summary>
internal static class WithingsStatus
{
    public const int Success = 0;

    /// <summary>Authentication failed: an invalid, expired or revoked token (100–102, 200, 401).</summary>
    public static bool IsAuthenticationFailure(int status) => status is 100 or 101 or 102 or 200 or 401;

    /// <summary>Withings' "too many requests" (601) and "an unknown error occurred" (2555): worth retrying.</summary>
    public static bool IsTransient(int status) => status is 601 or 2555;

    /// <summary>The refresh grant refused: authentication failures, and 503 "invalid params" for an unknown refresh token.</summary>
    public static bool IsRefusedGrant(int status) => IsAuthenticationFailure(status) || status == 503;

    public static int? Of(JsonElement response) =>
        response.Integer("status") is { } s && s is >= int.MinValue and <= int.MaxValue ? (int)s : null;
}
