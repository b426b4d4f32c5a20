using Microsoft.Extensions.Caching.Memory;

namespace SkinProgress.Api.Auth;

/// <summary>
/// Keys found valid, remembered briefly: a device that syncs many times a second then costs one database lookup
/// every <see cref="Lifetime"/> instead of one per request. Revoking a key or erasing a user through this Api
/// forgets their keys at once; another Api instance refuses a revoked key after at most <see cref="Lifetime"/>.
/// Entries are keyed by the key's hash, so the cache holds no key.
/// </summary>
public sealed class KeyCache : IDisposable
{
    public static readonly TimeSpan Lifetime = TimeSpan.FromSeconds(10);

    private readonly MemoryCache cache = new(new MemoryCacheOptions { SizeLimit = 100_000 });

    public bool TryGet(byte[] hash, out Credential? credential) => cache.TryGetValue(Key(hash), out credential);

    public void Remember(byte[] hash, Credential credential) =>
        cache.Set(Key(hash), credential, new MemoryCacheEntryOptions { AbsoluteExpirationRelativeToNow = Lifetime, Size = 1 });

    public void Forget(IEnumerable<byte[]> hashes)
    {
        foreach (var hash in hashes)
        {
            cache.Remove(Key(hash));
        }
    }

    public void Dispose() => cache.Dispose();

    private static string Key(byte[] hash) => Convert.ToBase64String(hash);
}
