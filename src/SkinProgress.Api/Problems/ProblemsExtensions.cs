using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Mvc;

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
            StatusCodeSelector = e => e is BadHttpRequestException bad ? bad.StatusCode : StatusCodes.Status500InternalServerError,
        });
        app.UseStatusCodePages();
        return app;
    }
}
