using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using SkinProgress.Api.Ingest;
using SkinProgress.Api.Problems;
using SkinProgress.Api.RateLimits;
using SkinProgress.Contracts;
using SkinProgress.Data;

namespace SkinProgress.Api.Connections;

/// <summary>
/// Providers' notifications. The provider verifies each request as it documents and says what it names; each
/// notification for a live connection becomes a message, and the answer is 200 only once the broker confirmed them
/// all, so a provider whose notification was not taken retries it. Owners nobody here connected are answered 200 and
/// ignored: the provider has nothing to retry.
/// </summary>
public static class WebhookEndpoints
{
    public static RouteGroupBuilder MapWebhooks(this RouteGroupBuilder v1)
    {
        var webhooks = v1.MapGroup("/webhooks").WithTags("Connections").AllowAnonymous().RequireRateLimiting(RateLimitExtensions.WebhookPolicy);
        webhooks.MapGet("/{provider}", Receive).WithSummary("A provider's subscription check (answered as the provider documents).")
            .ProducesProblem(StatusCodes.Status404NotFound);
        webhooks.MapPost("/{provider}", Receive).WithSummary("A provider's notification: verified, then queued for the Worker to fetch.")
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status429TooManyRequests)
            .ProducesProblem(StatusCodes.Status503ServiceUnavailable);
        return v1;
    }

    public static async Task<Results<Ok, ContentHttpResult, StatusCodeHttpResult, ProblemHttpResult>> Receive(
        string provider, HttpContext context, ConnectionProviders providers, SkinProgressDbContext db, BatchPublisher publisher, TimeProvider time, CancellationToken ct)
    {
        if (providers.Find(provider) is not { } found)
        {
            return TypedResults.Problem(ProblemsExtensions.Problem(StatusCodes.Status404NotFound, ProblemTypes.NotFound, "Unknown provider."));
        }

        var reading = await found.ReadWebhookAsync(context.Request, ct);
        if (reading.StatusCode != StatusCodes.Status200OK)
        {
            return TypedResults.StatusCode(reading.StatusCode);
        }

        if (reading.ResponseJson is { } challenge)
        {
            return TypedResults.Content(challenge, "application/json");
        }

        var now = time.GetUtcNow();
        foreach (var notification in reading.Notifications)
        {
            var connection = await db.Connections.AsNoTracking()
                .Where(c => c.Provider == found.Name && c.OwnerId == notification.OwnerId && c.RemovedAt == null)
                .Select(c => new { c.Id, c.UserId })
                .FirstOrDefaultAsync(ct);
            if (connection is null)
            {
                continue;
            }

            var message = new ProviderNotified(connection.Id, connection.UserId, found.Name, notification.OwnerId, notification.Kind.ToString(),
                notification.ObjectId, notification.From, notification.To, now);
            if (!await publisher.TryPublishAsync(message, ct))
            {
                context.Response.Headers.RetryAfter = "5";
                return TypedResults.Problem(ProblemsExtensions.Problem(StatusCodes.Status503ServiceUnavailable, ProblemTypes.BrokerUnavailable,
                    "The event queue is unavailable.", "The notification was not taken. Retry after the time in Retry-After."));
            }
        }

        return TypedResults.Ok();
    }
}
