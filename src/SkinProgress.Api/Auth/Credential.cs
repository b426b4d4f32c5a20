using System.Security.Claims;
using SkinProgress.Data.Users;

namespace SkinProgress.Api.Auth;

/// <summary>Who is calling, read from the authenticated key: the owner of every write comes from here, never the body.</summary>
public sealed record Credential(Guid KeyId, KeyKind Kind, Guid? UserId, Guid? DeviceId, string? Source)
{
    public const string KindClaim = "sp_key_kind";
    public const string KeyIdClaim = "sp_key_id";
    private const string UserIdClaim = "sp_user_id";
    private const string DeviceIdClaim = "sp_device_id";
    private const string SourceClaim = "sp_source";

    public ClaimsPrincipal ToPrincipal(string scheme)
    {
        var claims = new List<Claim>
        {
            new(KeyIdClaim, KeyId.ToString()),
            new(KindClaim, Kind.ToString()),
        };
        if (UserId is { } user)
        {
            claims.Add(new Claim(UserIdClaim, user.ToString()));
        }

        if (DeviceId is { } device)
        {
            claims.Add(new Claim(DeviceIdClaim, device.ToString()));
        }

        if (Source is not null)
        {
            claims.Add(new Claim(SourceClaim, Source));
        }

        return new ClaimsPrincipal(new ClaimsIdentity(claims, scheme));
    }

    public static Credential From(ClaimsPrincipal principal)
    {
        ArgumentNullException.ThrowIfNull(principal);
        return new Credential(
            Guid.Parse(principal.FindFirstValue(KeyIdClaim)!),
            Enum.Parse<KeyKind>(principal.FindFirstValue(KindClaim)!),
            ParseGuid(principal.FindFirstValue(UserIdClaim)),
            ParseGuid(principal.FindFirstValue(DeviceIdClaim)),
            principal.FindFirstValue(SourceClaim));
    }

    public Guid RequireUser() => UserId ?? throw new InvalidOperationException("The credential has no user.");

    private static Guid? ParseGuid(string? value) => value is null ? null : Guid.Parse(value);
}
