using System.Collections.Concurrent;
using System.Security.Cryptography;

namespace SkinProgress.IntegrationTests.Connections.StandIns;

/// <summary>The tokens a stand-in issued: access tokens expire or are revoked; a refresh token is good once.</summary>
public sealed class StandInTokens
{
    private readonly ConcurrentDictionary<string, (string Owner, DateTimeOffset ExpiresAt)> _access = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, string> _refresh = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, bool> _revoked = new(StringComparer.Ordinal);

    public TimeSpan Lifetime { get; set; } = TimeSpan.FromHours(6);

    public int Refreshes { get; private set; }

    public (string Access, string Refresh, DateTimeOffset ExpiresAt) Issue(string owner)
    {
        var access = NewToken();
        var refresh = NewToken();
        var expiresAt = DateTimeOffset.UtcNow + Lifetime;
        _access[access] = (owner, expiresAt);
        _refresh[refresh] = owner;
        return (access, refresh, expiresAt);
    }

    /// <summary>New tokens for a refresh token that is known and whose owner has not revoked the grant; null otherwise.</summary>
    public (string Access, string Refresh, DateTimeOffset ExpiresAt, string Owner)? Refresh(string? refreshToken)
    {
        if (refreshToken is null || !_refresh.TryRemove(refreshToken, out var owner) || _revoked.ContainsKey(owner))
        {
            return null;
        }

        Refreshes++;
        var (access, refresh, expiresAt) = Issue(owner);
        return (access, refresh, expiresAt, owner);
    }

    public string? Owner(string accessToken) =>
        _access.TryGetValue(accessToken, out var grant) && grant.ExpiresAt > DateTimeOffset.UtcNow && !_revoked.ContainsKey(grant.Owner) ? grant.Owner : null;

    /// <summary>The person withdrew the grant at the provider: no token of theirs works any more.</summary>
    public void Revoke(string owner) => _revoked[owner] = true;

    /// <summary>Every access token issued so far has expired (their refresh tokens still work).</summary>
    public void ExpireAll()
    {
        foreach (var (token, grant) in _access)
        {
            _access[token] = (grant.Owner, DateTimeOffset.UtcNow.AddSeconds(-1));
        }
    }

    private static string NewToken() => Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(20));
}
