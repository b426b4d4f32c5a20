using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using Hangfire;
using MassTransit.Logging;
using Microsoft.Extensions.DependencyInjection;
using SkinProgress.ServiceDefaults.Jobs;
using SkinProgress.Worker;
using SkinProgress.Worker.Summaries;

namespace SkinProgress.IntegrationTests.Operations;

[Collection(RealServices.Name)]
public sealed class TracingTests(SkinProgressFixture fixture)
{
    private const string AspNetCoreSource = "Microsoft.AspNetCore";
    private const string NpgsqlSource = "Npgsql";

    [Fact]
    public async Task OneIngestRequest_IsOneTrace_FromTheHttpRequestThroughPublishAndConsume_ToTheCommitsDatabaseCommands()
    {
        var stopped = new ConcurrentQueue<Activity>();
        using var listener = new ActivityListener
        {
            ShouldListenTo = s => s.Name is AspNetCoreSource or NpgsqlSource or WorkerTelemetry.Name || s.Name == DiagnosticHeaders.DefaultListenerName,
            Sample = (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.AllDataAndRecorded,
            ActivityStopped = stopped.Enqueue,
        };
        ActivitySource.AddActivityListener(listener);

        var user = await fixture.CreateUserAsync();
        using var device = fixture.Client(user.DeviceKey);
        // The caller's own trace: everything the request causes must continue it.
        var trace = ActivityTraceId.CreateRandom();
        using var request = new HttpRequestMessage(HttpMethod.Post, "/v1/events")
        {
            Content = JsonContent.Create(new { events = new[] { Pipeline.Water("traced", "2026-03-02T10:00:00Z", 250) } }),
        };
        request.Headers.Add("traceparent", $"00-{trace}-{ActivitySpanId.CreateRandom()}-01");
        using var response = await device.SendAsync(request);
        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);

        var commit = await SkinProgressFixture.EventuallyAsync(
            () => Task.FromResult(stopped.FirstOrDefault(a => a.Source.Name == WorkerTelemetry.Name && Continues(a, trace))),
            a => a is not null);
        Assert.NotNull(commit);
        var commands = await SkinProgressFixture.EventuallyAsync(
            () => Task.FromResult(stopped.Where(a => a.Source.Name == NpgsqlSource && a.ParentSpanId == commit.SpanId).ToList()),
            c => c.Count > 0);
        // Spans arrive as they stop, a parent after its children: wait until the whole chain is in.
        var inTrace = await SkinProgressFixture.EventuallyAsync(
            () => Task.FromResult(stopped.Where(a => a.TraceId == trace).ToList()),
            t => IsChain(t, commit));

        Assert.Contains(inTrace, a => a.Source.Name == AspNetCoreSource && a.Kind == ActivityKind.Server);
        var publish = Assert.Single(inTrace, IsPublish);
        var consumes = inTrace.Where(IsConsume).ToList();
        Assert.Contains(consumes, c => c.ParentSpanId == publish.SpanId);
        // The commit runs on the group committer's writer, yet hangs from (or links to) the consume that handed the message over.
        Assert.Contains(consumes, c => commit.ParentSpanId == c.SpanId || commit.Links.Any(l => l.Context.SpanId == c.SpanId));
        Assert.NotEmpty(commands);
    }

    [Fact]
    public async Task AJob_RunsInTheTraceItWasEnqueuedIn_WithItsDatabaseCommandsUnderIt()
    {
        var stopped = new ConcurrentQueue<Activity>();
        using var caller = new ActivitySource("SkinProgress.Tests.Caller");
        using var listener = new ActivityListener
        {
            ShouldListenTo = s => s.Name is JobTracingFilter.SourceName or NpgsqlSource || s == caller,
            Sample = (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.AllDataAndRecorded,
            ActivityStopped = stopped.Enqueue,
        };
        ActivitySource.AddActivityListener(listener);

        ActivityContext enqueuedIn;
        using (var activity = caller.StartActivity("trigger a run"))
        {
            Assert.NotNull(activity);
            enqueuedIn = activity.Context;
            // No users: the job only queries, and changes nothing another test could see.
            fixture.WorkerServices.GetRequiredService<IBackgroundJobClient>()
                .Enqueue<ICompileSummaries>(j => j.RunAsync(new DateOnly(2026, 3, 2), Array.Empty<Guid>(), 1, 1, CancellationToken.None));
        }

        var job = await SkinProgressFixture.EventuallyAsync(
            () => Task.FromResult(stopped.FirstOrDefault(a => a.Source.Name == JobTracingFilter.SourceName && a.ParentSpanId == enqueuedIn.SpanId)),
            a => a is not null);
        Assert.NotNull(job);
        Assert.Equal(enqueuedIn.TraceId, job.TraceId);
        Assert.Equal("ICompileSummaries.RunAsync", job.DisplayName);
        Assert.Contains(stopped, a => a.Source.Name == NpgsqlSource && a.ParentSpanId == job.SpanId);
    }

    private static bool IsPublish(Activity a) => a.Source.Name == DiagnosticHeaders.DefaultListenerName && a.Kind == ActivityKind.Producer;

    private static bool IsConsume(Activity a) => a.Source.Name == DiagnosticHeaders.DefaultListenerName && a.Kind == ActivityKind.Consumer;

    private static bool IsChain(List<Activity> trace, Activity commit) =>
        trace.Any(a => a.Source.Name == AspNetCoreSource && a.Kind == ActivityKind.Server)
        && trace.Any(p => IsPublish(p) && trace.Any(c => IsConsume(c) && c.ParentSpanId == p.SpanId))
        && trace.Any(c => IsConsume(c) && (commit.ParentSpanId == c.SpanId || commit.Links.Any(l => l.Context.SpanId == c.SpanId)));

    /// <summary>The commit continues the trace when the message led its group, and links to it when it joined another's.</summary>
    private static bool Continues(Activity commit, ActivityTraceId trace) =>
        commit.TraceId == trace || commit.Links.Any(l => l.Context.TraceId == trace);
}
