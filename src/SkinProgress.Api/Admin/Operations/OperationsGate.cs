using Microsoft.AspNetCore.Authentication;
using SkinProgress.Api.Auth;
using SkinProgress.Api.Problems;
using SkinProgress.Data.Users;

namespace SkinProgress.Api.Admin.Operations;

/// <summary>
/// The operations pages' door, the jobs dashboard's rules: a bearer admin key, or the admin sign-in cookie; a browser
/// without either is sent to sign in and back, a wrong key gets 401, a user or device key 403.
/// </summary>
public sealed class OperationsGate : IEndpointFilter
{
    public async ValueTask<object?> InvokeAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(next);
        var http = context.HttpContext;
        var bearer = http.Request.Headers.Authorization.Count > 0;
        var result = await http.AuthenticateAsync(bearer ? ApiKeyAuthenticationHandler.SchemeName : AuthExtensions.AdminCookieScheme);
        if (!result.Succeeded)
        {
            return bearer
                ? TypedResults.Problem(ProblemsExtensions.Problem(StatusCodes.Status401Unauthorized, ProblemTypes.Unauthorized, "Unknown or revoked key."))
                : TypedResults.Redirect($"/admin/login?returnUrl={Uri.EscapeDataString(http.Request.Path + http.Request.QueryString)}");
        }

        if (Credential.From(result.Principal).Kind != KeyKind.Admin)
        {
            return TypedResults.Problem(ProblemsExtensions.Problem(StatusCodes.Status403Forbidden, ProblemTypes.Forbidden, "The operations pages are for admins."));
        }

        http.User = result.Principal;
        return await next(context);
    }
}
