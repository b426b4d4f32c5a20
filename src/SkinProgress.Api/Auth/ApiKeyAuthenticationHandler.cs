using System.Security.Cryptography;
using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Authentication;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using SkinProgress.Data;
using SkinProgress.Data.Users;

namespace SkinProgress.Api.Auth;

/// <summary>Bearer keys: found by hash, compared in constant time, revoked keys refused.</summary>
public sealed class ApiKeyAuthenticationHandler(
    IOptionsMonitor<AuthenticationSchemeOptions> options,
    ILoggerFactory logger,
    UrlEncoder encoder,
    SkinProgressDbContext db,
    IOptions<AdminOptions> admin)
    : AuthenticationHandler<AuthenticationSchemeOptions>(options, logger, encoder)
{
    public const string SchemeName = "ApiKey";

    // Fixed id for the configured bootstrap key, so it shows up consistently in logs.
    private static readonly Guid BootstrapKeyId = new("00000000-0000-0000-0000-00000000a001");

    protected override async Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        string? header = Request.Headers.Authorization;
        if (header is null || !header.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase))
        {
            return AuthenticateResult.NoResult();
        }

        var key = header["Bearer ".Length..].Trim();
        if (key.Length > 256 || ApiKeys.KindOf(key) is not { } kind)
        {
            return AuthenticateResult.Fail("Unknown key.");
        }

        var hash = ApiKeys.Hash(key);
        if (kind == KeyKind.Admin && admin.Value.BootstrapKey is { Length: > 0 } bootstrap
            && CryptographicOperations.FixedTimeEquals(hash, ApiKeys.Hash(bootstrap)))
        {
            return Success(new Credential(BootstrapKeyId, KeyKind.Admin, null, null, null));
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
            .FirstOrDefaultAsync(Context.RequestAborted);

        if (stored is null || stored.Kind != kind || !CryptographicOperations.FixedTimeEquals(stored.Hash, hash))
        {
            return AuthenticateResult.Fail("Unknown or revoked key.");
        }

        return Success(new Credential(stored.Id, stored.Kind, stored.UserId, stored.DeviceId, stored.Source));
    }

    protected override Task HandleChallengeAsync(AuthenticationProperties properties)
    {
        Response.Headers.WWWAuthenticate = "Bearer";
        return base.HandleChallengeAsync(properties);
    }

    private static AuthenticateResult Success(Credential credential) =>
        AuthenticateResult.Success(new AuthenticationTicket(credential.ToPrincipal(SchemeName), SchemeName));
}
