using Microsoft.AspNetCore.Authentication;
using SkinProgress.Data.Users;

namespace SkinProgress.Api.Auth;

public static class AuthExtensions
{
    public const string DevicePolicy = "device";
    public const string UserPolicy = "user";
    public const string AdminPolicy = "admin";
    public const string AdminCookieScheme = "AdminCookie";

    public static IHostApplicationBuilder AddKeyAuthentication(this IHostApplicationBuilder builder)
    {
        builder.Services.AddOptions<AdminOptions>()
            .Bind(builder.Configuration.GetSection(AdminOptions.Section))
            .ValidateDataAnnotations()
            .ValidateOnStart();

        builder.Services.AddSingleton<KeyCache>();
        builder.Services.AddSingleton<KeyValidator>();
        builder.Services.AddAuthentication(ApiKeyAuthenticationHandler.SchemeName)
            .AddScheme<AuthenticationSchemeOptions, ApiKeyAuthenticationHandler>(ApiKeyAuthenticationHandler.SchemeName, null)
            .AddCookie(AdminCookieScheme, o =>
            {
                // Only the jobs dashboard reads this cookie: the API itself takes bearer keys alone, so a
                // logged-in admin's browser cannot be used to call /v1 across sites.
                o.Cookie.Name = "skinprogress_admin";
                o.Cookie.Path = "/admin";
                o.Cookie.HttpOnly = true;
                o.Cookie.SecurePolicy = CookieSecurePolicy.Always;
                o.Cookie.SameSite = SameSiteMode.Strict;
                o.ExpireTimeSpan = TimeSpan.FromHours(8);
                o.SlidingExpiration = false;
                o.LoginPath = "/admin/login";
            });

        builder.Services.AddAuthorizationBuilder()
            .AddPolicy(DevicePolicy, p => p.RequireClaim(Credential.KindClaim, nameof(KeyKind.Device)))
            .AddPolicy(UserPolicy, p => p.RequireClaim(Credential.KindClaim, nameof(KeyKind.User)))
            .AddPolicy(AdminPolicy, p => p.RequireClaim(Credential.KindClaim, nameof(KeyKind.Admin)));

        return builder;
    }
}
