using System.Security.Cryptography;
using SkinProgress.Data.Users;

namespace SkinProgress.Api.Auth;

/// <summary>
/// Keys are 256 random bits behind a kind prefix. Only SHA-256 of the key is stored: with that much entropy
/// a fast hash is enough (no dictionary to try), and it lets a key be found by its hash in one indexed lookup.
/// </summary>
public static class ApiKeys
{
    public const string DevicePrefix = "spd_";
    public const string UserPrefix = "spu_";
    public const string AdminPrefix = "spa_";

    public static string Generate(KeyKind kind) =>
        PrefixOf(kind) + Base64UrlEncode(RandomNumberGenerator.GetBytes(32));

    public static byte[] Hash(string key) => SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(key));

    public static string PrefixOf(KeyKind kind) => kind switch
    {
        KeyKind.Device => DevicePrefix,
        KeyKind.User => UserPrefix,
        KeyKind.Admin => AdminPrefix,
        _ => throw new ArgumentOutOfRangeException(nameof(kind)),
    };

    public static KeyKind? KindOf(string key) =>
        key.StartsWith(DevicePrefix, StringComparison.Ordinal) ? KeyKind.Device
        : key.StartsWith(UserPrefix, StringComparison.Ordinal) ? KeyKind.User
        : key.StartsWith(AdminPrefix, StringComparison.Ordinal) ? KeyKind.Admin
        : null;

    private static string Base64UrlEncode(byte[] bytes) =>
        Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');
}
