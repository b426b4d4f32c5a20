using System.Buffers.Binary;
using System.Buffers.Text;
using System.Security.Cryptography;
using Microsoft.AspNetCore.DataProtection;

namespace SkinProgress.Data.Connections;

/// <summary>
/// The token of the reconnect link in the weekly email: a user id and an expiry, protected with the shared key ring under
/// a purpose of its own, so the Worker that writes the email issues it and any Api reads it, and nothing else protected
/// with the key ring (a provider's token, an OAuth state) can pass for one. Nothing is stored: opening the link consumes
/// nothing, so the mail scanners that open every link leave it working for the person.
/// </summary>
public sealed class ReconnectTokens(IDataProtectionProvider protection, TimeProvider time)
{
    /// <summary>The Api's route for the link: under the connect page's path, where its session cookie is sent.</summary>
    public const string Path = "/v1/connections/reconnect";

    /// <summary>Long enough to outlast the week until the next email, which brings a fresh one.</summary>
    public static readonly TimeSpan Lifetime = TimeSpan.FromDays(14);

    /// <summary>A token is about 160 characters; anything much longer is not one and is not decoded.</summary>
    public const int MaxLength = 512;

    private const int PayloadLength = 16 + sizeof(long);

    private readonly IDataProtector _protector = protection.CreateProtector("SkinProgress.Connections.Reconnect");

    public string Issue(Guid userId)
    {
        var payload = new byte[PayloadLength];
        userId.TryWriteBytes(payload);
        BinaryPrimitives.WriteInt64BigEndian(payload.AsSpan(16), (time.GetUtcNow() + Lifetime).ToUnixTimeSeconds());
        return Base64Url.EncodeToString(_protector.Protect(payload));
    }

    /// <summary>The user the token was issued for, or null when it is malformed, forged, or expired.</summary>
    public Guid? Read(string token)
    {
        ArgumentNullException.ThrowIfNull(token);
        if (token.Length > MaxLength || !Base64Url.IsValid(token))
        {
            return null;
        }

        byte[] payload;
        try
        {
            payload = _protector.Unprotect(Base64Url.DecodeFromChars(token));
        }
        catch (CryptographicException)
        {
            return null;
        }

        if (payload.Length != PayloadLength)
        {
            return null;
        }

        var expiresAt = DateTimeOffset.FromUnixTimeSeconds(BinaryPrimitives.ReadInt64BigEndian(payload.AsSpan(16)));
        return time.GetUtcNow() < expiresAt ? new Guid(payload.AsSpan(0, 16)) : null;
    }
}
