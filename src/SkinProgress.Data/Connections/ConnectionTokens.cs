using Microsoft.AspNetCore.DataProtection;

namespace SkinProgress.Data.Connections;

/// <summary>
/// A connection's tokens at rest: protected with the shared key ring, one purpose per kind of token, so an access
/// token's payload can never be read as a refresh token's, and nothing outside this type sees either in the clear.
/// The Api stores them; the Worker reads, refreshes and revokes with them.
/// </summary>
public sealed class ConnectionTokens(IDataProtectionProvider protection)
{
    private readonly IDataProtector _access = protection.CreateProtector("SkinProgress.Connections.AccessToken");
    private readonly IDataProtector _refresh = protection.CreateProtector("SkinProgress.Connections.RefreshToken");

    public void Store(Connection connection, string accessToken, string? refreshToken, DateTimeOffset? expiresAt)
    {
        ArgumentNullException.ThrowIfNull(connection);
        connection.ProtectedAccessToken = _access.Protect(accessToken);
        connection.ProtectedRefreshToken = refreshToken is null ? null : _refresh.Protect(refreshToken);
        connection.ExpiresAt = expiresAt;
    }

    public static void Forget(Connection connection)
    {
        ArgumentNullException.ThrowIfNull(connection);
        connection.ProtectedAccessToken = null;
        connection.ProtectedRefreshToken = null;
        connection.ExpiresAt = null;
    }

    /// <summary>The access token of a stored connection, or of a payload carried in a message.</summary>
    public string? ReadAccessToken(string? protectedAccessToken) =>
        protectedAccessToken is null ? null : _access.Unprotect(protectedAccessToken);

    public string? ReadRefreshToken(string? protectedRefreshToken) =>
        protectedRefreshToken is null ? null : _refresh.Unprotect(protectedRefreshToken);
}
