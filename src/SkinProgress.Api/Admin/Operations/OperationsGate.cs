
namespace SkinProgress.Api.Admin.Operations;

/// <summary>
/// The operations pages' door: <see cref="AdminGate"/>, as for the jobs dashboard.
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
        if (await AdminGate.AdmitAsync(context, "The operations pages are for admins."))
        {
            await next(context);
        }
    }
}
