using Microsoft.AspNetCore.Authentication.OAuth;
using Microsoft.Extensions.Options;

namespace SkinProgress.Api.Connections;

/// <summary>
/// The OAuth handler's options for each provider's scheme: the provider sets its client, endpoints, scopes and PKCE;
/// this sets what every provider shares: the callback path, the state's link to the connect session, and what happens
/// with the tokens (<see cref="ConnectOAuthEvents"/>).
/// </summary>
public sealed class ConnectOAuthOptions(ConnectionProviders providers) : IConfigureNamedOptions<OAuthOptions>
{
    public void Configure(OAuthOptions options) => Configure(Options.DefaultName, options);

    public void Configure(string? name, OAuthOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var provider = providers.Configured.FirstOrDefault(p => ConnectionProviders.SchemeOf(p.Name) == name);
        if (name is null || provider is null)
        {
            return;
        }

        provider.ConfigureOAuth(options);
        options.CallbackPath = ConnectionProviders.CallbackPathOf(provider.Name);
        // The handler wants a scheme to sign the result into. Nobody is signed in with it: OnTicketReceived ends the
        // request before sign-in (see ConnectOAuthEvents), so the connect session's own cookie scheme is named here
        // only as a carrier that is never written to.
        options.SignInScheme = ConnectSession.SchemeName;
        // The provider sends the browser back with a top-level GET, which carries Lax cookies; None is not needed.
        options.CorrelationCookie.SameSite = SameSiteMode.Lax;
        options.CorrelationCookie.SecurePolicy = CookieSecurePolicy.Always;
        options.Events = ConnectOAuthEvents.For(provider);
        options.Validate(name);
    }
}
