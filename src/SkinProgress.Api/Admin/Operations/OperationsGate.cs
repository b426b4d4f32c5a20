using Microsoft.AspNetCore.Authentication;
using SkinProgress.Api.Auth;
using SkinProgress.Api.Problems;
using SkinProgress.Data.Users;

namespace SkinProgress.Api.Admin.Operations;

/// <summary>
/// The operations pages' door, the jobs dashboard's rules: a bearer admin key, or the admin sign-in cookie; a browser
/// without either is sent to sign in and back, a wrong key gets 401, a user or device key 403.
/// </summary>
public static class OperationsGate
{
    /// <summary>
    /// Goes before antiforgery: the pages' forms carry tokens made for the signed-in admin, and the check of a posted
    /// one must see the same admin, which the default (bearer) authentication alone would not for a cookie.
    /// </summary>
    public static WebApplication UseOperationsGate(this WebApplication app)
    {
        app.UseWhen(c => c.Request.Path.StartsWithSegments(OperationsPages.Path), branch => branch.Use(GateAsync));
        return app;
    }

    private static async Task GateAsync(HttpContext context, RequestDelegate next)
    {
        var bearer = context.Request.Headers.Authorization.Count > 0;
        var result = await context.AuthenticateAsync(bearer ? ApiKeyAuthenticationHandler.SchemeName : AuthExtensions.AdminCookieScheme);
        if (!result.Succeeded)
        {
            if (bearer)
            {
                await WriteProblemAsync(context, StatusCodes.Status401Unauthorized, ProblemTypes.Unauthorized, "Unknown or revoked key.");
                return;
            }

            context.Response.Redirect($"/admin/login?returnUrl={Uri.EscapeDataString(context.Request.Path + context.Request.QueryString)}");
            return;
        }

        if (Credential.From(result.Principal).Kind != KeyKind.Admin)
        {
            await WriteProblemAsync(context, StatusCodes.Status403Forbidden, ProblemTypes.Forbidden, "The operations pages are for admins.");
            return;
        }

        context.User = result.Principal;
        await next(context);
    }

    private static async Task WriteProblemAsync(HttpContext context, int status, string type, string title)
    {
        context.Response.StatusCode = status;
        await context.RequestServices.GetRequiredService<IProblemDetailsService>().WriteAsync(new ProblemDetailsContext
        {
            HttpContext = context,
            ProblemDetails = ProblemsExtensions.Problem(status, type, title),
        });
    }
}
