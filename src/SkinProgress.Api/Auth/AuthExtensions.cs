using Microsoft.AspNetCore.Authentication;
using SkinProgress.Data.Users;

namespace SkinProgress.Api.Auth;

public static class AuthExtensions
{
    public const string DevicePolicy = "device";
    public const string UserPolicy = "user";
    public const string AdminPolicy = "admin";

    public static IHostApplicationBuilder AddKeyAuthentication(this IHostApplicationBuilder builder)
    {
        builder.Services.AddOptions<AdminOptions>()
            .Bind(builder.Configuration.GetSection(AdminOptions.Section))
            .ValidateDataAnnotations()
            .ValidateOnStart();

        builder.Services.AddAuthentication(ApiKeyAuthenticationHandler.SchemeName)
            .AddScheme<AuthenticationSchemeOptions, ApiKeyAuthenticationHandler>(ApiKeyAuthenticationHandler.SchemeName, null);

        builder.Services.AddAuthorizationBuilder()
            .AddPolicy(DevicePolicy, p => p.RequireClaim(Credential.KindClaim, nameof(KeyKind.Device)))
            .AddPolicy(UserPolicy, p => p.RequireClaim(Credential.KindClaim, nameof(KeyKind.User)))
            .AddPolicy(AdminPolicy, p => p.RequireClaim(Credential.KindClaim, nameof(KeyKind.Admin)));

        return builder;
    }
}
