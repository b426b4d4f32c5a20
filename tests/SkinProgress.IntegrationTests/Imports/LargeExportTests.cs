using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.DependencyInjection;
using Xunit.Abstractions;

namespace SkinProgress.IntegrationTests.Imports;

/// <summary>
/// Imports generated Apple Health exports through a real Kestrel server. The shared fixture's TestServer is not
/// used here: these tests are about how the server holds a large body, so they go through the same socket path as
/// production, with the import limit raised (or lowered) for their own Api. The fixture's Worker scores the events.
/// </summary>
[Collection(RealServices.Name)]
public sealed class LargeExportTests(SkinProgressFixture fixture, ITestOutputHelper output)
{
    private const long MiB = 1024 * 1024;
    private const long MaxGrowthBytes = 200 * MiB;

    /// <summary>Size of the generated export; set SKINPROGRESS_IMPORT_TEST_MB to run it smaller (or larger).</summary>
    private static long ExportBytes =>
        long.Parse(Environment.GetEnvironmentVariable("SKINPROGRESS_IMPORT_TEST_MB") ?? "1024", CultureInfo.InvariantCulture) * MiB;

    [Fact]
    public async Task Import_StreamsAGigabyteAppleHealthExport_WithMemoryGrowingLessThan200MB()
    {
        await using var api = StartKestrelApi(ExportBytes + (64 * MiB));
        var user = await fixture.CreateUserAsync(timeZone: "UTC", source: "apple_health");
        using var device = Client(api, user.DeviceKey);
        using var export = new GeneratedExportContent(ExportBytes);
        export.Headers.ContentType = new MediaTypeHeaderValue("application/xml");

        GC.Collect();
        GC.WaitForPendingFinalizers();
        GC.Collect();
        var baselineWorkingSet = Environment.WorkingSet;
        var baselineManaged = GC.GetTotalMemory(forceFullCollection: false);
        using var sampler = new PeakSampler();
        var clock = Stopwatch.StartNew();

        using var response = await device.PostAsync("/v1/imports", export);
        var body = await response.AcceptedBodyAsync();

        clock.Stop();
        var (peakWorkingSet, peakManaged) = await sampler.StopAsync();
        var growth = peakWorkingSet - baselineWorkingSet;
        var events = body.GetProperty("accepted").GetInt32();
        var seconds = clock.Elapsed.TotalSeconds;
        output.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"Imported {export.BytesWritten / (double)MiB:F0} MiB ({events} events) in {seconds:F1} s: {export.BytesWritten / (double)MiB / seconds:F1} MB/s, {events / seconds:F0} events/s."));
        output.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"Working set: baseline {baselineWorkingSet / (double)MiB:F0} MiB, peak {peakWorkingSet / (double)MiB:F0} MiB, growth {growth / (double)MiB:F1} MiB; managed heap growth {(peakManaged - baselineManaged) / (double)MiB:F1} MiB."));

        Assert.Equal("apple_health_xml", body.GetProperty("format").GetString());
        Assert.Equal(export.EventsWritten, events);
        Assert.Equal(0, body.GetProperty("rejected").GetInt32());
        Assert.True(growth < MaxGrowthBytes, $"the process grew by {growth / MiB} MiB importing {export.BytesWritten / MiB} MiB; the body must stream");
    }

    [Fact]
    public async Task Import_Answers413_OnceTheBytesReadPassTheLimit_EvenWithoutContentLength()
    {
        await using var api = StartKestrelApi(MiB);
        var user = await fixture.CreateUserAsync(timeZone: "UTC", source: "apple_health");
        using var device = Client(api, user.DeviceKey);
        using var export = new GeneratedExportContent(4 * MiB);

        using var response = await device.PostAsync("/v1/imports", export);

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal("urn:skinprogress:problem:too-large", problem.GetProperty("type").GetString());
        Assert.True(problem.TryGetProperty("accepted", out _), $"the answer says what was accepted before the limit: {problem}");
    }

    private ApiFactory StartKestrelApi(long maxImportBytes)
    {
        var settings = new Dictionary<string, string?>(fixture.Settings, StringComparer.Ordinal)
        {
            ["Imports:MaxBodyBytes"] = maxImportBytes.ToString(CultureInfo.InvariantCulture),
            // At least one file's worth, or the Api refuses to start.
            ["Imports:MaxSpoolBytes"] = Math.Max(maxImportBytes, 2L * 1024 * MiB).ToString(CultureInfo.InvariantCulture),
        };
        var api = new ApiFactory(settings);
        api.UseKestrel(0);
        api.StartServer();
        return api;
    }

    /// <summary>
    /// A plain client on the server's socket: the factory's own clients add a RedirectHandler that copies every
    /// request body into memory so it could resend it, which would measure the client instead of the server.
    /// </summary>
    private static HttpClient Client(ApiFactory api, string key)
    {
        var address = api.Services.GetRequiredService<IServer>().Features.GetRequiredFeature<IServerAddressesFeature>().Addresses.First();
        var client = new HttpClient { BaseAddress = new Uri(address), Timeout = TimeSpan.FromMinutes(15) };
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", key);
        return client;
    }

    /// <summary>Samples the process's working set and managed heap every 20 ms and keeps the peaks.</summary>
    private sealed class PeakSampler : IDisposable
    {
        private readonly CancellationTokenSource _stop = new();
        private readonly Task<(long WorkingSet, long Managed)> _sampling;

        public PeakSampler() => _sampling = SampleAsync(_stop.Token);

        public async Task<(long WorkingSet, long Managed)> StopAsync()
        {
            await _stop.CancelAsync();
            return await _sampling;
        }

        public void Dispose() => _stop.Dispose();

        private static async Task<(long, long)> SampleAsync(CancellationToken ct)
        {
            long workingSet = Environment.WorkingSet, managed = GC.GetTotalMemory(false);
            using var timer = new PeriodicTimer(TimeSpan.FromMilliseconds(20));
            try
            {
                while (await timer.WaitForNextTickAsync(ct))
                {
                    workingSet = Math.Max(workingSet, Environment.WorkingSet);
                    managed = Math.Max(managed, GC.GetTotalMemory(false));
                }
            }
            catch (OperationCanceledException)
            {
                // Stopped: the peaks so far are the answer.
            }

            return (workingSet, managed);
        }
    }
}
