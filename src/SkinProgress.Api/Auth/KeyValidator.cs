using System.Security.Cryptography;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using SkinProgress.Data;
using SkinProgress.Data.Users;

namespace SkinProgress.Api.Auth;

/// <summary>Turns a presented key into a credential: found by hash, compared in constant time, revoked keys refused.</summary>
public sealed class KeyValidator(SkinProgressDbContext db, KeyCache cache, IOptions<AdminOptions> admin)
{
    // Fixed id for the configured bootstrap key, so it shows up consistently in logs.
    private static readonly Guid BootstrapKeyId = new("00000000-0000-0000-0000-00000000a001");

    public async Task<Credential?> ValidateAsync(string key, CancellationToken ct)
    {
        if (key.Length > 256 || ApiKeys.KindOf(key) is not { } kind)
        {
            return null;
        }

        var hash = ApiKeys.Hash(key);
        if (kind == KeyKind.Admin && admin.Value.BootstrapKey is { Length: > 0 } bootstrap
            && CryptographicOperations.FixedTimeEquals(hash, ApiKeys.Hash(bootstrap)))
        {
            return new Credential(BootstrapKeyId, KeyKind.Admin, null, null, null);
        }

        if (cache.TryGet(hash, out var known))
        {
            return known;
        }

        var stored = await db.ApiKeys.AsNoTracking()
            .Where(k => k.Hash == hash && k.RevokedAt == null)
            .Select(k => new
            {
                k.Id,
                k.Kind,
                k.UserId,
                k.DeviceId,
                k.Hash,
                Source = db.Devices.Where(d => d.Id == k.DeviceId).Select(d => d.Source).FirstOrDefault(),
            })
            .FirstOrDefaultAsync(ct);

        if (stored is null || stored.Kind != kind || !CryptographicOperations.FixedTimeEquals(stored.Hash, hash))
        {
            return null;
        }

        var credential = new Credential(stored.Id, stored.Kind, stored.UserId, stored.DeviceId, stored.Source);
        cache.Remember(hash, credential);
        return credential;
    }
}
