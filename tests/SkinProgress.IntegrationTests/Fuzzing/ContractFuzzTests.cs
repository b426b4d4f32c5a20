using System.Globalization;
using System.Text.Json;
using CsCheck;
using Xunit.Abstractions;

namespace SkinProgress.IntegrationTests.Fuzzing;

/// <summary>
/// Contract fuzzing: generated requests for every write route of the OpenAPI document, valid and mutated, against the
/// real Api and Worker. Properties: no 5xx ever, and every 4xx a problem document; a refused request changes
/// nothing; every event a 202 accepted is counted once the queue drains; every user stays readable.
/// SKINPROGRESS_CONTRACT_FUZZ_COUNT sets the number of requests (5,000 by default), SKINPROGRESS_CONTRACT_FUZZ_SEED
/// replays a run: a failure prints its seed and the smallest failing request CsCheck found.
/// </summary>
[Collection(RealServices.Name)]
public sealed class ContractFuzzTests(SkinProgressFixture fixture, ITestOutputHelper output)
{
    [Fact]
    public async Task GeneratedRequests_NeverGet5xx_LoseNoAcceptedEvent_AndLeaveEveryUserReadable()
    {
        var count = int.TryParse(Environment.GetEnvironmentVariable("SKINPROGRESS_CONTRACT_FUZZ_COUNT"), NumberStyles.Integer, CultureInfo.InvariantCulture, out var n) ? n : 5_000;
        var seed = Environment.GetEnvironmentVariable("SKINPROGRESS_CONTRACT_FUZZ_SEED");
        await using var run = await FuzzRun.StartAsync(fixture);

        // One thread: the ledger needs each 202 before the next request, and a seed must replay the same sequence.
        await RequestGenerators.Any.SampleAsync(run.SendAsync, writeLine: output.WriteLine, seed: seed, iter: count, threads: 1, print: r => r.ToString());
        await run.AssertAcceptedEventsCountedAsync();
        await run.AssertUsersReadableAsync();

        output.WriteLine($"{run.Sent} requests, {run.AcceptedEvents} distinct events accepted and counted:{Environment.NewLine}{run.Summary}");
    }

    [Fact]
    public async Task EveryWriteRouteOfTheOpenApiDocument_HasAGenerator()
    {
        using var client = fixture.Client();
        var document = JsonDocument.Parse(await client.GetStringAsync("/openapi/v1.json")).RootElement;
        string[] writes = ["post", "put", "patch", "delete"];
        var routes = document.GetProperty("paths").EnumerateObject()
            .SelectMany(path => path.Value.EnumerateObject().Where(op => writes.Contains(op.Name)).Select(op => $"{op.Name.ToUpperInvariant()} {path.Name}"))
            .ToList();

        Assert.NotEmpty(routes);
        Assert.Empty(routes.Except(RequestGenerators.Routes.Keys));
    }
}
