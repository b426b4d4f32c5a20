using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Mvc;
using SkinProgress.ServiceDefaults;

namespace SkinProgress.Api.Problems;

public static class ProblemsExtensions
{
    /// <summary>Every error is a problem document; status-only answers (401, 403, 404, 405) get a stable type too.</summary>
    public static IServiceCollection AddProblems(this IServiceCollection services) =>
        services.AddProblemDetails(o => o.CustomizeProblemDetails = context =>
        {
            var problem = context.ProblemDetails;
            if (problem.Type is null || problem.Type.StartsWith("https://tools.ietf.org", StringComparison.Ordinal))
            {
                problem.Type = ProblemTypes.ForStatus(problem.Status) ?? problem.Type;
            }

            problem.Instance ??= context.HttpContext.Request.Path;
            problem.Extensions["traceId"] = context.HttpContext.Features.Get<IHttpActivityFeature>()?.Activity.Id ?? context.HttpContext.TraceIdentifier;

            // The database is down for a moment: the client should retry, as it would on a broker outage.
            if (context.Exception is { } failure && TransientErrors.IsTransient(failure))
            {
                problem.Status = StatusCodes.Status503ServiceUnavailable;
                problem.Type = ProblemTypes.DatabaseUnavailable;
                problem.Title = "The database is unavailable.";
                problem.Detail = "Nothing was changed. Retry after the time in Retry-After.";
                context.HttpContext.Response.Headers.RetryAfter = "5";
            }

            // A body the framework could not bind is the client's fault: say so instead of a 500.
            if (context.Exception is BadHttpRequestException bad)
            {
                problem.Status = bad.StatusCode;
                problem.Type = bad.StatusCode == StatusCodes.Status413PayloadTooLarge ? ProblemTypes.TooLarge : ProblemTypes.MalformedBody;
                problem.Title = "The request could not be read.";
                problem.Detail = bad.Message;
            }
        });

    public static ProblemDetails Problem(int status, string type, string title, string? detail = null) =>
        new() { Status = status, Type = type, Title = title, Detail = detail };

    public static WebApplication UseProblems(this WebApplication app)
    {
        app.UseExceptionHandler(new ExceptionHandlerOptions
        {
            StatusCodeSelector = e => e switch
            {
                BadHttpRequestException bad => bad.StatusCode,
                _ when TransientErrors.IsTransient(e) => StatusCodes.Status503ServiceUnavailable,
                _ => StatusCodes.Status500InternalServerError,
            },
        });
        app.UseStatusCodePages();
        return app;
    }
}
