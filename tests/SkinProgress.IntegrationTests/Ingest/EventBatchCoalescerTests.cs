using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using MassTransit;
using MassTransit.Logging;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using SkinProgress.Api.Operations;
using SkinProgress.Contracts;
using SkinProgress.IntegrationTests.Scoring;
using static SkinProgress.IntegrationTests.Pipeline;

namespace SkinProgress.IntegrationTests.Ingest;

/// <summary>The Api gathers concurrent requests' batches into one broker message, and still answers each from its confirm.</summary>
[Collection(RealServices.Name)]
public sealed class EventBatchCoalescerTests(SkinProgressFixture fixture)
{
    private const string CoalescedExchange = "SkinProgress.Contracts:EventBatchesReceived";

    [Fact]
    public async Task ConcurrentSingleEventRequests_GoOutInFewerMessagesThanRequests_AndEveryEventIsCounted()
    {
        const int usersCount = 4, requestsPerUser = 40;
        var users = new List<TestUser>();
        for (var u = 0; u < usersCount; u++)
        {
            users.Add(await fixture.CreateUserAsync());
        }

        await using var published = await PublishedMessages.TapAsync(CoalescedExchange);
        var devices = users.Select(u => fixture.Client(u.DeviceKey)).ToList();
        try
        {
            var requests = users.SelectMany((_, u) => Enumerable.Range(0, requestsPerUser).Select(async i =>
            {
                using var response = await devices[u].PostEventsAsync(Water($"single-{i}", "2026-05-04T10:00:00Z", 10 + i));
                Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
                return (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("batchId").GetGuid();
            })).ToList();
            var answered = (await Task.WhenAll(requests)).ToHashSet();

            foreach (var user in users)
            {
                using var me = fixture.Client(user.UserKey);
                var day = await me.DayWithEventsAsync("2026-05-04", requestsPerUser);
                Assert.Equal(requestsPerUser, day!.Value.GetProperty("eventCount").GetInt32());
                Assert.Equal(Enumerable.Range(0, requestsPerUser).Sum(i => 10 + i), day.Number("fluidsMl"));
            }

            var userIds = users.Select(u => u.Id).ToHashSet();
            var ours = (await published.TakeAsync())
                .Select(m => m.GetProperty("batches").EnumerateArray().Where(b => userIds.Contains(b.GetProperty("userId").GetGuid()))
                    .Select(b => b.GetProperty("batchId").GetGuid()).ToList())
                .Where(batches => batches.Count > 0)
                .ToList();
            var carried = ours.SelectMany(b => b).ToList();
            Assert.Equal(answered.Count, carried.Count);
            Assert.Equal(answered, carried.ToHashSet());
            Assert.True(ours.Count < answered.Count, $"{answered.Count} requests went out in {ours.Count} messages");
        }
        finally
        {
            devices.ForEach(d => d.Dispose());
        }
    }

    [Fact]
    public async Task ConcurrentRequests_AreAllAnswered503_AndNothingIsStored_WhileRabbitMqIsDown()
    {
        var user = await fixture.CreateUserAsync();
        using var device = fixture.Client(user.DeviceKey);
        using var me = fixture.Client(user.UserKey);

        await TestServices.RunServicesScriptAsync("rabbit-stop");
        List<(HttpStatusCode Status, string? Type)> answers;
        try
        {
            answers = [.. await Task.WhenAll(Enumerable.Range(0, 20).Select(async i =>
            {
                using var response = await device.PostEventsAsync(Water($"outage-{i}", "2026-05-05T10:00:00Z", 100));
                var body = await response.Content.ReadFromJsonAsync<JsonElement>();
                return (response.StatusCode, body.TryGetProperty("type", out var type) ? type.GetString() : null);
            }))];
        }
        finally
        {
            await TestServices.RunServicesScriptAsync("rabbit-start");
        }

        Assert.All(answers, a => Assert.Equal((HttpStatusCode.ServiceUnavailable, "urn:skinprogress:problem:broker-unavailable"), a));

        // A request after the outage is scored; had any refused batch reached the broker, it would have been scored before or with it.
        await fixture.WaitUntilReadyAsync();
        using var accepted = await SkinProgressFixture.EventuallyAsync(
            () => device.PostEventsAsync(Water("after-outage", "2026-05-05T10:00:00Z", 100)), r => r.StatusCode == HttpStatusCode.Accepted);
        Assert.Equal(HttpStatusCode.Accepted, accepted.StatusCode);
        await me.DayWithEventsAsync("2026-05-05", 1);
        Assert.Equal(["after-outage"], await fixture.WithDbAsync(db => db.RawEvents.Where(e => e.UserId == user.Id).Select(e => e.ExternalId).ToListAsync()));
    }

    [Fact]
    public async Task Requests_AreAnswered503_WhileNoQueueTakesTheCoalescedMessages()
    {
        var user = await fixture.CreateUserAsync();
        using var device = fixture.Client(user.DeviceKey);
        using var me = fixture.Client(user.UserKey);

        // As after an upgrade of the Api before the Worker: the broker confirms a message no queue is bound to take.
        await using (var unbound = await PublishedMessages.UnbindFromScoringAsync(CoalescedExchange))
        {
            using var refused = await device.PostEventsAsync(Water("unroutable", "2026-05-08T10:00:00Z", 100));
            Assert.Equal(HttpStatusCode.ServiceUnavailable, refused.StatusCode);
        }

        using var accepted = await device.PostEventsAsync(Water("routable", "2026-05-08T11:00:00Z", 100));
        Assert.Equal(HttpStatusCode.Accepted, accepted.StatusCode);
        await me.DayWithEventsAsync("2026-05-08", 1);
        Assert.Equal(["routable"], await fixture.WithDbAsync(db => db.RawEvents.Where(e => e.UserId == user.Id).Select(e => e.ExternalId).ToListAsync()));
    }

    [Fact]
    public async Task RejectedEventInACoalescedMessage_GoesToTheErrorQueueAloneAsItsOwnBatch_AndTheOtherBatchesAreCounted()
    {
        var first = await fixture.CreateUserAsync();
        var second = await fixture.CreateUserAsync();
        var at = new DateTimeOffset(2026, 5, 6, 12, 0, 0, TimeSpan.Zero);
        var firstMorning = Batch(first, at, new HealthEvent("first-water-1", "hydration", at, Hydration: new Hydration(200)));
        var mixed = Batch(second, at,
            new HealthEvent("second-meal\0", "meal", at, Meal: new Meal(30)),
            new HealthEvent("second-water", "hydration", at, Hydration: new Hydration(300)));
        var firstEvening = Batch(first, at, new HealthEvent("first-water-2", "hydration", at, Hydration: new Hydration(400)));

        // Published as the Api publishes a coalesced message, past today's validation (as an older Api or a replay might).
        await fixture.Api.Services.GetRequiredService<IBus>().Publish(new EventBatchesReceived([firstMorning, mixed, firstEvening]));

        using (var me = fixture.Client(first.UserKey))
        {
            var day = await me.DayWithEventsAsync("2026-05-06", 2);
            Assert.Equal(600, day.Number("fluidsMl"));
        }

        using (var me = fixture.Client(second.UserKey))
        {
            var day = await me.DayWithEventsAsync("2026-05-06", 1);
            Assert.Equal(300, day.Number("fluidsMl"));
            Assert.Equal(0, day.Number("proteinGrams"));
        }

        var faulted = await ErrorQueuePeek.FindAsync(mixed.BatchId.ToString());
        Assert.NotNull(faulted);
        using var envelope = JsonDocument.Parse(faulted.Body);
        var message = envelope.RootElement.GetProperty("message");
        Assert.Equal(second.Id, message.GetProperty("userId").GetGuid());
        Assert.Equal(["second-meal\0"], message.GetProperty("events").EnumerateArray().Select(e => e.GetProperty("id").GetString()));
        Assert.Contains("id: Must not contain control characters", faulted.Header("MT-Fault-Message"), StringComparison.Ordinal);
        Assert.Equal(MessageUrn.ForTypeString<EventBatchReceived>(), faulted.Header("MT-Fault-MessageType"));
    }

    [Fact]
    public async Task ConcurrentTracedRequests_EachTraceLeadsToThePublishThatCarriedItsBatch()
    {
        var stopped = new ConcurrentQueue<Activity>();
        using var listener = new ActivityListener
        {
            // By name: the Api's source may be created (its class initialised) while this listener is being added.
            ShouldListenTo = s => s.Name is "Microsoft.AspNetCore" or IngestMetrics.MeterName || s.Name == DiagnosticHeaders.DefaultListenerName,
            Sample = (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.AllDataAndRecorded,
            ActivityStopped = stopped.Enqueue,
        };
        ActivitySource.AddActivityListener(listener);

        var user = await fixture.CreateUserAsync();
        using var device = fixture.Client(user.DeviceKey);
        var traces = Enumerable.Range(0, 12).Select(_ => ActivityTraceId.CreateRandom()).ToList();
        await Task.WhenAll(traces.Select(async (trace, i) =>
        {
            using var request = new HttpRequestMessage(HttpMethod.Post, "/v1/events")
            {
                Content = JsonContent.Create(new { events = new[] { Water($"traced-{i}", "2026-05-07T10:00:00Z", 100) } }),
            };
            request.Headers.Add("traceparent", $"00-{trace}-{ActivitySpanId.CreateRandom()}-01");
            using var response = await device.SendAsync(request);
            Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        }));

        // Spans arrive as they stop, the publish's own after the requests it answered: wait until every chain is in.
        await SkinProgressFixture.EventuallyAsync(() => Task.FromResult(traces.All(t => CarrierOf(stopped, t) is not null)), all => all);
        foreach (var trace in traces)
        {
            var carrier = CarrierOf(stopped, trace);
            Assert.NotNull(carrier);
            Assert.Contains(stopped, a => a.Source.Name == DiagnosticHeaders.DefaultListenerName && a.Kind == ActivityKind.Producer
                && a.ParentSpanId == carrier.SpanId && a.TraceId == carrier.TraceId);
        }
    }

    /// <summary>The Api's publish span that began with the request of this trace (its parent) or that it joined (a link).</summary>
    private static Activity? CarrierOf(IEnumerable<Activity> stopped, ActivityTraceId trace)
    {
        var server = stopped.SingleOrDefault(a => a.Source.Name == "Microsoft.AspNetCore" && a.Kind == ActivityKind.Server && a.TraceId == trace);
        return server is null
            ? null
            : stopped.SingleOrDefault(a => a.Source.Name == IngestMetrics.MeterName
                && (a.ParentSpanId == server.SpanId || a.Links.Any(l => l.Context.SpanId == server.SpanId)));
    }

    private static EventBatchReceived Batch(TestUser user, DateTimeOffset at, params HealthEvent[] events) =>
        new(Guid.NewGuid(), user.Id, user.DeviceId, "garmin", at, events);
}
