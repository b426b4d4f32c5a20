using Microsoft.AspNetCore.Authentication;
using SkinProgress.Api.Auth;
using SkinProgress.Api.Problems;
using SkinProgress.Data.Users;

namespace SkinProgress.Api.Admin;

/// <summary>
/// The door of the admin's browser pages (the jobs dashboard, the operations pages): a bearer admin key, or the admin
/// sign-in cookie. A browser with neither is sent to sign in and back, a wrong key gets 401, a user or device key 403.
/// </summary>
public static class AdminGate
{
    /// <summary>Lets an admin in (as <see cref="HttpContext.User"/>) and returns true; otherwise answers and returns false.</summary>
    public static async Task<bool> AdmitAsync(HttpContext context, string forbiddenTitle)
    {
        ArgumentNullException.ThrowIfNull(context);
        var bearer = context.Request.Headers.Authorization.Count > 0;
        var result = await context.AuthenticateAsync(bearer ? ApiKeyAuthenticationHandler.SchemeName : AuthExtensions.AdminCookieScheme);
        if (!result.Succeeded)
        {
            if (bearer)
            {
                await WriteProblemAsync(context, StatusCodes.Status401Unauthorized, ProblemTypes.Unauthorized, "Unknown or revoked key.");
            }
            else
            {
                context.Response.Redirect($"/admin/login?returnUrl={Uri.EscapeDataString(context.Request.Path + context.Request.QueryString)}");
            }

            return false;
        }

        if (Credential.From(result.Principal).Kind != KeyKind.Admin)
        {
            await WriteProblemAsync(context, StatusCodes.Status403Forbidden, ProblemTypes.Forbidden, forbiddenTitle);
            return false;
        }

        context.User = result.Principal;
        return true;
    }

    /// <summary>A problem document written from middleware, where no endpoint's result type is at hand.</summary>
    public static async Task WriteProblemAsync(HttpContext context, int status, string type, string title)
    {
        ArgumentNullException.ThrowIfNull(context);
        context.Response.StatusCode = status;
        await context.RequestServices.GetRequiredService<IProblemDetailsService>().WriteAsync(new ProblemDetailsContext
        {
            HttpContext = context,
            ProblemDetails = ProblemsExtensions.Problem(status, type, title),
        });
    }
}
