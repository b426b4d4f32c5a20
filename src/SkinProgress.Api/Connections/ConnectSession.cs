using System.Security.Claims;
using System.Security.Cryptography;
using Microsoft.AspNetCore.Authentication;

namespace SkinProgress.Api.Connections;

/// <summary>
/// A short session on the connect page, started by opening a connect link: a cookie holding a Data-Protection-protected
/// ticket (the cookie handler's) that names the user and a random session id. The session id travels in the OAuth
/// state and must match on the way back, so an authorisation started in one session cannot complete in another.
/// </summary>
public sealed record ConnectSession(Guid UserId, string SessionId)
{
    public const string SchemeName = "ConnectSession";

    /// <summary>The page, its forms and the OAuth callbacks live under this path; the cookie is sent nowhere else.</summary>
    public const string Path = "/v1/connections";

    /// <summary>The key of the session id in the OAuth handler's AuthenticationProperties (carried in its protected state).</summary>
    public const string SessionItem = "connect_session";

    public static readonly TimeSpan Lifetime = TimeSpan.FromMinutes(30);

    private const string UserIdClaim = "sp_user_id";
    private const string SessionIdClaim = "sp_connect_session";

    public static ConnectSession Start(Guid userId) => new(userId, Convert.ToHexString(RandomNumberGenerator.GetBytes(16)));

    public ClaimsPrincipal ToPrincipal() =>
        new(new ClaimsIdentity([new Claim(UserIdClaim, UserId.ToString()), new Claim(SessionIdClaim, SessionId)], SchemeName));

    /// <summary>The session of this request, or null when its cookie is missing, expired or not ours.</summary>
    public static async Task<ConnectSession?> ReadAsync(HttpContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var result = await context.AuthenticateAsync(SchemeName);
        var principal = result.Succeeded ? result.Principal : null;
        return principal?.FindFirstValue(UserIdClaim) is { } user && Guid.TryParse(user, out var userId)
            && principal.FindFirstValue(SessionIdClaim) is { Length: > 0 } session
            ? new ConnectSession(userId, session)
            : null;
    }
}
