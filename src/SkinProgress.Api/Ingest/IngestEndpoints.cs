using System.Runtime.InteropServices;
using System.Text.Json;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using SkinProgress.Api.Auth;
using SkinProgress.Api.Operations;
using SkinProgress.Api.Problems;
using SkinProgress.Api.RateLimits;
using SkinProgress.Contracts;
using SkinProgress.Data;
using SkinProgress.Events;

namespace SkinProgress.Api.Ingest;

public static class IngestEndpoints
{
    public const int MaxBodyBytes = 1024 * 1024;
    public const int MaxEvents = 1000;

    /// <summary>The publisher that coalesces concurrent requests' batches; call after the bus is added, so it stops first.</summary>
    public static IHostApplicationBuilder AddIngest(this IHostApplicationBuilder builder)
    {
        builder.Services.AddOptions<IngestOptions>().Bind(builder.Configuration.GetSection(IngestOptions.Section))
            .ValidateDataAnnotations().ValidateOnStart();
        builder.Services.AddSingleton<EventBatchCoalescer>();
        builder.Services.AddHostedService(sp => sp.GetRequiredService<EventBatchCoalescer>());
        return builder;
    }

    public static RouteGroupBuilder MapIngest(this RouteGroupBuilder v1)
    {
        v1.MapPost("/events", PostEvents)
            .RequireAuthorization(AuthExtensions.DevicePolicy)
            .RequireRateLimiting(RateLimitExtensions.DevicePolicy)
            .WithTags("Ingest")
            .WithSummary("Send a batch of 1-1000 events from a device.")
            .Accepts<JsonElement>("application/json")
            .ProducesProblem(StatusCodes.Status401Unauthorized)
            .ProducesProblem(StatusCodes.Status403Forbidden)
            .ProducesProblem(StatusCodes.Status413PayloadTooLarge)
            .ProducesProblem(StatusCodes.Status415UnsupportedMediaType)
            .ProducesProblem(StatusCodes.Status429TooManyRequests)
            .ProducesProblem(StatusCodes.Status503ServiceUnavailable);
        v1.MapDelete("/events/{id}", DeleteEvent)
            .RequireAuthorization(AuthExtensions.DevicePolicy)
            .RequireRateLimiting(RateLimitExtensions.DevicePolicy)
            .WithTags("Ingest")
            .WithSummary("Remove an event this device's source sent; its day is recomputed.")
            .ProducesProblem(StatusCodes.Status401Unauthorized)
            .ProducesProblem(StatusCodes.Status403Forbidden)
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status429TooManyRequests)
            .ProducesProblem(StatusCodes.Status503ServiceUnavailable);
        return v1;
    }

    public static async Task<Results<Accepted<IngestResponse>, ValidationProblem, ProblemHttpResult>> PostEvents(
        HttpContext context, EventBatchCoalescer publisher, TimeProvider time, CancellationToken ct)
    {
        var (document, problem) = await JsonBody.ReadAsync(context.Request, MaxBodyBytes, ct);
        if (problem is not null)
        {
            return TypedResults.Problem(problem);
        }

        using var _ = document;
        var root = document!.RootElement;
        if (root.ValueKind != JsonValueKind.Object || !root.TryGetProperty("events", out var events) || events.ValueKind != JsonValueKind.Array)
        {
            return TypedResults.Problem(ProblemsExtensions.Problem(StatusCodes.Status400BadRequest, ProblemTypes.MalformedBody,
                "The body must be an object with an 'events' array."));
        }

        var count = events.GetArrayLength();
        if (count > MaxEvents)
        {
            return TypedResults.Problem(ProblemsExtensions.Problem(StatusCodes.Status413PayloadTooLarge, ProblemTypes.TooLarge,
                "Too many events.", $"A batch holds at most {MaxEvents} events; this one has {count}."));
        }

        if (count == 0)
        {
            return TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["events"] = ["At least one event is required."] },
                title: "The batch holds no events.", type: ProblemTypes.Validation);
        }

        var now = time.GetUtcNow();
        var results = new List<EventResult>(count);
        var accepted = new List<HealthEvent>(count);
        var seen = new HashSet<string>(StringComparer.Ordinal);
        var errors = new Dictionary<string, string[]>(StringComparer.Ordinal);
        var acceptedBytes = 0;
        var index = 0;
        foreach (var element in events.EnumerateArray())
        {
            var validation = EventValidator.Validate(element, now);
            if (!validation.IsValid)
            {
                results.Add(new EventResult(validation.Id, EventResult.Rejected, validation.Errors));
                foreach (var (field, messages) in validation.Errors)
                {
                    errors[field.Length == 0 ? $"events[{index}]" : $"events[{index}].{field}"] = messages;
                }
            }
            else if (!seen.Add(validation.Id!))
            {
                results.Add(new EventResult(validation.Id, EventResult.Duplicate));
            }
            else
            {
                results.Add(new EventResult(validation.Id, EventResult.Accepted));
                accepted.Add(validation.Event!);
                acceptedBytes += JsonMarshal.GetRawUtf8Value(element).Length;
            }

            index++;
        }

        if (accepted.Count == 0)
        {
            // Nothing in the batch can be stored: the whole request is invalid, and says why per event.
            return TypedResults.ValidationProblem(errors, title: "No event in the batch is valid.", type: ProblemTypes.Validation,
                extensions: new Dictionary<string, object?> { ["results"] = results });
        }

        var credential = Credential.From(context.User);
        var batch = new EventBatchReceived(Guid.NewGuid(), credential.RequireUser(), credential.DeviceId!.Value, credential.Source!, now, accepted);
        if (!await publisher.TryPublishAsync(batch, acceptedBytes, ct))
        {
            return QueueUnavailable(context, "Nothing from this batch was accepted. Retry after the time in Retry-After.");
        }

        var duplicates = results.Count(r => r.Status == EventResult.Duplicate);
        IngestMetrics.CountEvents(EventResult.Accepted, accepted.Count);
        IngestMetrics.CountEvents(EventResult.Duplicate, duplicates);
        IngestMetrics.CountEvents(EventResult.Rejected, count - accepted.Count - duplicates);
        return TypedResults.Accepted((string?)null, new IngestResponse(batch.BatchId, accepted.Count, duplicates, count - accepted.Count - duplicates, results));
    }

    /// <summary>
    /// Removes the event with this id that the device's source sent (whichever of the source's devices sent it), through
    /// the scoring queue like new events: <c>204</c> once the broker holds the removal. An event still on its way to
    /// being stored is not found yet.
    /// </summary>
    public static async Task<Results<NoContent, ProblemHttpResult>> DeleteEvent(
        string id, HttpContext context, SkinProgressDbContext db, BatchPublisher publisher, TimeProvider time, CancellationToken ct)
    {
        var credential = Credential.From(context.User);
        var userId = credential.RequireUser();
        var source = credential.Source!;
        if (!await db.RawEvents.AnyAsync(e => e.UserId == userId && e.Source == source && e.ExternalId == id, ct))
        {
            return TypedResults.Problem(ProblemsExtensions.Problem(StatusCodes.Status404NotFound, ProblemTypes.NotFound,
                "No such event.", "This device's source has stored no event with this id."));
        }

        if (!await publisher.TryPublishAsync(new EventsRemoved(userId, credential.DeviceId!.Value, source, [id], time.GetUtcNow()), ct))
        {
            return QueueUnavailable(context, "The event was not removed. Retry after the time in Retry-After.");
        }

        return TypedResults.NoContent();
    }

    private static ProblemHttpResult QueueUnavailable(HttpContext context, string detail)
    {
        context.Response.Headers.RetryAfter = "5";
        return TypedResults.Problem(ProblemsExtensions.Problem(StatusCodes.Status503ServiceUnavailable, ProblemTypes.BrokerUnavailable,
            "The event queue is unavailable.", detail));
    }
}
