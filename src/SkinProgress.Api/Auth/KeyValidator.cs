using System.Security.Cryptography;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using SkinProgress.Data;
using SkinProgress.Data.Users;

namespace SkinProgress.Api.Auth;

/// <summary>
/// Turns a presented key into a credential: found by hash, compared in constant time, revoked keys refused.
/// A singleton, so that a key <see cref="KeyCache"/> remembers — nearly every request of a device that syncs — costs
/// no database context taken from the pool and handed back; only a miss takes one, in a scope of its own.
/// </summary>
public sealed class KeyValidator(IServiceScopeFactory scopes, KeyCache cache, IOptions<AdminOptions> admin)
{
    // Fixed id for the configured bootstrap key, so it shows up consistently in logs.
    private static readonly Guid BootstrapKeyId = new("00000000-0000-0000-0000-00000000a001");

    // Compiled once: every device's key is looked up again each KeyCache.Lifetime, and building, parameterising and
    // finding the LINQ expression of an uncompiled query in EF's cache cost more CPU than running it.
    private static readonly Func<SkinProgressDbContext, byte[], CancellationToken, Task<StoredKey?>> FindByHash =
        EF.CompileAsyncQuery((SkinProgressDbContext db, byte[] hash, CancellationToken _) => db.ApiKeys.AsNoTracking()
            .Where(k => k.Hash == hash && k.RevokedAt == null)
            .Select(k => new StoredKey(
                k.Id, k.Kind, k.UserId, k.DeviceId, k.Hash, db.Devices.Where(d => d.Id == k.DeviceId).Select(d => d.Source).FirstOrDefault()))
            .FirstOrDefault());

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

        StoredKey? stored;
        await using (var scope = scopes.CreateAsyncScope())
        {
            stored = await FindByHash(scope.ServiceProvider.GetRequiredService<SkinProgressDbContext>(), hash, ct);
        }

        if (stored is null || stored.Kind != kind || !CryptographicOperations.FixedTimeEquals(stored.Hash, hash))
        {
            return null;
        }

        var credential = new Credential(stored.Id, stored.Kind, stored.UserId, stored.DeviceId, stored.Source);
        cache.Remember(hash, credential);
        return credential;
    }

    private sealed record StoredKey(Guid Id, KeyKind Kind, Guid? UserId, Guid? DeviceId, byte[] Hash, string? Source);
}
