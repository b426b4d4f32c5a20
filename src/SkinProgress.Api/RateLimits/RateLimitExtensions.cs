using System.Globalization;
using System.Threading.RateLimiting;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.Extensions.Options;
using SkinProgress.Api.Auth;
using SkinProgress.Api.Problems;

namespace SkinProgress.Api.RateLimits;

public static class RateLimitExtensions
{
    public const string DevicePolicy = "device";
    public const string WebhookPolicy = "webhook";

    /// <summary>
    /// A fixed window per credential, so one misbehaving device cannot crowd out others; runs after
    /// authentication so the partition is the key's id, not an address shared by many users.
    /// </summary>
    public static IHostApplicationBuilder AddRateLimits(this IHostApplicationBuilder builder)
    {
        builder.Services.AddOptions<RateLimitOptions>()
            .Bind(builder.Configuration.GetSection(RateLimitOptions.Section))
            .ValidateDataAnnotations()
            .ValidateOnStart();

        builder.Services.AddRateLimiter(o =>
        {
            o.AddPolicy(DevicePolicy, context =>
            {
                var limit = context.RequestServices.GetRequiredService<IOptions<RateLimitOptions>>().Value.DeviceRequestsPerMinute;
                var partition = context.User.FindFirst(Credential.KeyIdClaim)?.Value ?? "anonymous";
                return RateLimitPartition.GetFixedWindowLimiter(partition, _ => new FixedWindowRateLimiterOptions
                {
                    PermitLimit = limit,
                    Window = TimeSpan.FromMinutes(1),
                    QueueLimit = 0,
                });
            });
            // Webhooks are anonymous: partitioned by provider and sending address.
            o.AddPolicy(WebhookPolicy, context =>
            {
                var limit = context.RequestServices.GetRequiredService<IOptions<RateLimitOptions>>().Value.WebhookRequestsPerMinute;
                var partition = $"{context.Request.RouteValues["provider"]}|{context.Connection.RemoteIpAddress}";
                return RateLimitPartition.GetFixedWindowLimiter(partition, _ => new FixedWindowRateLimiterOptions
                {
                    PermitLimit = limit,
                    Window = TimeSpan.FromMinutes(1),
                    QueueLimit = 0,
                });
            });
            o.OnRejected = async (context, ct) =>
            {
                var retryAfter = context.Lease.TryGetMetadata(MetadataName.RetryAfter, out var wait) ? wait : TimeSpan.FromSeconds(60);
                var response = context.HttpContext.Response;
                response.StatusCode = StatusCodes.Status429TooManyRequests;
                response.Headers.RetryAfter = Math.Max(1, (int)Math.Ceiling(retryAfter.TotalSeconds)).ToString(CultureInfo.InvariantCulture);
                await context.HttpContext.RequestServices.GetRequiredService<IProblemDetailsService>().WriteAsync(new ProblemDetailsContext
                {
                    HttpContext = context.HttpContext,
                    ProblemDetails = ProblemsExtensions.Problem(StatusCodes.Status429TooManyRequests, ProblemTypes.RateLimited,
                        "Too many requests.", "Nothing from this request was accepted. Retry after the time in Retry-After."),
                });
            };
        });
        return builder;
    }
}
