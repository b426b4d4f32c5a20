using Hangfire;
using Hangfire.Dashboard;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using SkinProgress.Api.Auth;
using SkinProgress.Api.Problems;
using SkinProgress.Api.Security;
using SkinProgress.Data.Users;
using SkinProgress.ServiceDefaults.Jobs;

namespace SkinProgress.Api.Admin;

/// <summary>
/// The Hangfire dashboard at /admin/jobs. A browser without credentials is sent to a sign-in page; a bearer
/// admin key also works (for scripts); a user or device key gets 403. The storage connection string is never shown.
/// </summary>
public static class JobsDashboard
{
    public const string Path = "/admin/jobs";

    // The stylesheet Chart.js 2.9.4 (inside Hangfire's dashboard script) adds to a page with a chart: the hash of
    // "/* Chart.js */\n" and its size-monitor rules. Another Hangfire may change it; the browser tests then report it.
    private const string ChartJsStylesheet = "'sha256-z7zcnw/4WalZqx+PrNaRnoeLz/G9WXuFqV1WCJ129sg='";

    public static WebApplication MapJobsDashboard(this WebApplication app)
    {
        app.MapGet("/admin/login", (string? returnUrl) => new RazorComponentResult<LoginPage>(new { ReturnUrl = SafeReturn(returnUrl) }))
            .ExcludeFromDescription();
        app.MapPost("/admin/login", SignIn).ExcludeFromDescription();

        app.UseWhen(c => c.Request.Path.StartsWithSegments(Path), branch => branch.Use(GateAsync));
        app.UseHangfireDashboard(Path, new DashboardOptions
        {
            DashboardTitle = "SkinProgress jobs",
            DisplayStorageConnectionString = false,
            AppPath = null,
            Authorization = [new AdminOnly()],
            AsyncAuthorization = [],
            // Jobs are stored by contracts this process loads (ServiceDefaults/Jobs), so every page has the job and its arguments.
            DisplayNameFunc = (_, job) => JobDisplayNames.Of(job),
        });
        return app;
    }

    public static async Task<IResult> SignIn([FromForm] string key, [FromForm] string? returnUrl, HttpContext context, KeyValidator keys, CancellationToken ct)
    {
        var credential = await keys.ValidateAsync(key.Trim(), ct);
        if (credential?.Kind != KeyKind.Admin)
        {
            return new RazorComponentResult<LoginPage>(new
            {
                Message = credential is null ? "That key is unknown or revoked." : "That key is not an admin key.",
                ReturnUrl = SafeReturn(returnUrl),
            })
            { StatusCode = credential is null ? StatusCodes.Status401Unauthorized : StatusCodes.Status403Forbidden };
        }

        await context.SignInAsync(AuthExtensions.AdminCookieScheme, credential.ToPrincipal(AuthExtensions.AdminCookieScheme));
        return TypedResults.LocalRedirect(SafeReturn(returnUrl));
    }

    private static async Task GateAsync(HttpContext context, RequestDelegate next)
    {
        if (!HttpMethods.IsPost(context.Request.Method) && IsPostOnly(context))
        {
            context.Response.Headers.Allow = HttpMethods.Post;
            await AdminGate.WriteProblemAsync(context, StatusCodes.Status405MethodNotAllowed, ProblemTypes.MethodNotAllowed,
                "This dashboard URL takes POST only.");
            return;
        }

        if (!await AdminGate.AdmitAsync(context, "The jobs dashboard is for admins."))
        {
            return;
        }

        // Hangfire's job pages carry style attributes in their markup (state colours), and its charts (Chart.js) add
        // their own stylesheet at run time: that one by its hash, the attributes as they come. Scripts stay 'self'.
        context.Csp().Allow("style-src-elem", "'self'", ChartJsStylesheet).Allow("style-src-attr", "'unsafe-inline'");
        await next(context);
    }

    /// <summary>
    /// Only pages and their scripts, styles and fonts answer other methods than POST. Every other dashboard route
    /// (the commands, such as jobs/enqueued/delete or recurring/trigger, and the stats the pages poll) reads a form
    /// whatever the method, and antiforgery checks POST only: a GET with a form body would run a command unchecked,
    /// one without a body failed with a 500. Hangfire keeps its dispatcher types internal, hence the names; a rename
    /// makes the pages answer 405, which the dashboard's tests see, rather than let a command through.
    /// </summary>
    private static bool IsPostOnly(HttpContext context)
    {
        context.Request.Path.StartsWithSegments(Path, out var route);
        var dispatcher = context.RequestServices.GetRequiredService<Hangfire.Dashboard.RouteCollection>().FindDispatcher(route.Value ?? "")?.Item1;
        return dispatcher is not null
            && dispatcher.GetType().Name is not ("RazorPageDispatcher" or "EmbeddedResourceDispatcher" or "CombinedResourceDispatcher");
    }

    // Only the jobs dashboard and the operations pages: a crafted link cannot bounce a signed-in admin to another site. Only visible
    // ASCII, as the gate escapes it: a control character (CR/LF) or non-ASCII cannot go into a Location header.
    private static string SafeReturn(string? returnUrl) =>
        returnUrl is not null && (returnUrl.StartsWith(Path, StringComparison.Ordinal) || returnUrl.StartsWith(Operations.OperationsPages.Path, StringComparison.Ordinal))
            && !returnUrl.StartsWith("//", StringComparison.Ordinal)
            && returnUrl.All(c => c is > ' ' and < '\x7f')
            ? returnUrl
            : Path;

    /// <summary>Second line of defence behind the gate: the dashboard renders only for an admin principal.</summary>
    private sealed class AdminOnly : IDashboardAuthorizationFilter
    {
        public bool Authorize(DashboardContext context) =>
            context.GetHttpContext().User.FindFirst(Credential.KindClaim)?.Value == nameof(KeyKind.Admin);
    }
}
