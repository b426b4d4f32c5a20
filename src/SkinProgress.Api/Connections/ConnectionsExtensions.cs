using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.OAuth;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using SkinProgress.Connections;

namespace SkinProgress.Api.Connections;

public static class ConnectionsExtensions
{
    /// <summary>
    /// Connecting people's accounts at providers: every registered <see cref="SkinProgress.Connections.IConnectionProvider"/>
    /// that is configured gets an OAuth scheme, the connect page its session cookie, and webhooks their route.
    /// </summary>
    public static IHostApplicationBuilder AddConnections(this IHostApplicationBuilder builder)
    {
        builder.Services.AddOptions<ConnectionsOptions>()
            .Bind(builder.Configuration.GetSection(ConnectionsOptions.Section))
            .ValidateDataAnnotations()
            .ValidateOnStart();
        builder.Services.AddOptions<PublicUrlOptions>()
            .Bind(builder.Configuration.GetSection(PublicUrlOptions.Section))
            .ValidateDataAnnotations()
            .ValidateOnStart();

        builder.AddConnectionProviders();
        builder.Services.AddSingleton<ConnectionProviders>();
        builder.Services.AddScoped<ConnectionRemoval>();

        // What AddOAuth registers for a scheme known when the app is built; the schemes here are known only once the
        // providers are resolved (UseConnections), so their options are configured by name.
        builder.Services.AddSingleton<IConfigureOptions<OAuthOptions>, ConnectOAuthOptions>();
        builder.Services.TryAddEnumerable(ServiceDescriptor.Singleton<IPostConfigureOptions<OAuthOptions>, OAuthPostConfigureOptions<OAuthOptions, OAuthHandler<OAuthOptions>>>());

        builder.Services.AddAuthentication().AddCookie(ConnectSession.SchemeName, o =>
        {
            // Read only by the connect page, its forms and the OAuth callbacks; Lax, so it comes back with the provider's
            // redirect to the callback (a top-level GET) and with nothing another site posts.
            o.Cookie.Name = "skinprogress_connect";
            o.Cookie.Path = ConnectSession.Path;
            o.Cookie.HttpOnly = true;
            o.Cookie.SecurePolicy = CookieSecurePolicy.Always;
            o.Cookie.SameSite = SameSiteMode.Lax;
            o.ExpireTimeSpan = ConnectSession.Lifetime;
            o.SlidingExpiration = false;
        });
        return builder;
    }

    /// <summary>
    /// One OAuth scheme per configured provider, named by <see cref="ConnectionProviders.SchemeOf"/>. Each scheme's
    /// options are built (and validated) here, so a provider configured without what OAuth needs stops the start
    /// instead of failing the first person who connects.
    /// </summary>
    public static WebApplication UseConnections(this WebApplication app)
    {
        var schemes = app.Services.GetRequiredService<IAuthenticationSchemeProvider>();
        var oauth = app.Services.GetRequiredService<IOptionsMonitor<OAuthOptions>>();
        foreach (var provider in app.Services.GetRequiredService<ConnectionProviders>().Configured)
        {
            var scheme = ConnectionProviders.SchemeOf(provider.Name);
            _ = oauth.Get(scheme);
            schemes.AddScheme(new AuthenticationScheme(scheme, provider.DisplayName, typeof(OAuthHandler<OAuthOptions>)));
        }

        return app;
    }
}
