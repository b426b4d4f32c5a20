using System.Globalization;
using System.IO.Compression;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.DependencyInjection;

namespace SkinProgress.IntegrationTests.Imports;

/// <summary>
/// Zip imports are spooled to the temporary folder before they are read; together they may hold at most
/// Imports:MaxSpoolBytes there. Real Kestrel, so that an upload can be held half-sent.
/// </summary>
[Collection(RealServices.Name)]
public sealed partial class SpoolSpaceTests(SkinProgressFixture fixture)
{
    private const int KiB = 1024;

    [Fact]
    public async Task ZipImport_Gets503WithRetryAfter_WhileOtherZipsHoldTheSpoolSpace_AndGoesThroughOnceTheyEnd()
    {
        await using var api = StartKestrelApi(maxBodyBytes: 1024 * KiB, maxSpoolBytes: 1024 * KiB);
        var user = await fixture.CreateUserAsync(timeZone: "UTC", source: "apple_health");
        using var device = Client(api, user.DeviceKey);
        var zip = PaddedExportZip(700 * KiB);
        var before = await SpooledBytesAsync(device);

        // The first upload stops halfway; what it sent so far is spooled and holds its space.
        using var held = new HeldContent(zip, 600 * KiB);
        var first = device.PostAsync("/v1/imports", held);
        var spooled = await SkinProgressFixture.EventuallyAsync(() => SpooledBytesAsync(device), b => b >= before + (500 * KiB));
        Assert.True(spooled >= before + (500 * KiB), $"the held upload was not spooled: {spooled - before} bytes");

        using (var refused = await device.ImportAsync(zip))
        {
            Assert.Equal(HttpStatusCode.ServiceUnavailable, refused.StatusCode);
            Assert.NotNull(refused.Headers.RetryAfter);
            var problem = await refused.Content.ReadFromJsonAsync<JsonElement>();
            Assert.Equal("urn:skinprogress:problem:busy", problem.GetProperty("type").GetString());
            Assert.Equal(0, problem.GetProperty("accepted").GetInt32());
        }

        held.Release();
        using (var firstResponse = await first)
        {
            await firstResponse.AcceptedBodyAsync();
        }

        Assert.Equal(before, await SpooledBytesAsync(device));
        using var accepted = await device.ImportAsync(zip);
        Assert.Equal("apple_health_zip", (await accepted.AcceptedBodyAsync()).GetProperty("format").GetString());
    }

    [Fact]
    public async Task SpoolSpaceSmallerThanOneFile_StopsTheStart()
    {
        await using var api = new ApiFactory(new Dictionary<string, string?>(fixture.Settings, StringComparer.Ordinal)
        {
            ["Imports:MaxBodyBytes"] = (2048 * KiB).ToString(CultureInfo.InvariantCulture),
            ["Imports:MaxSpoolBytes"] = (1024 * KiB).ToString(CultureInfo.InvariantCulture),
        });

        var failure = Record.Exception(() => api.Services);

        Assert.NotNull(failure);
        Assert.Contains("Imports:MaxSpoolBytes must be at least Imports:MaxBodyBytes", failure.ToString(), StringComparison.Ordinal);
    }

    /// <summary>An Apple Health zip of a small export and an uncompressed entry that makes it about <paramref name="padding"/> larger.</summary>
    private static byte[] PaddedExportZip(int padding)
    {
        using var buffer = new MemoryStream();
        using (var archive = new ZipArchive(buffer, ZipArchiveMode.Create, leaveOpen: true))
        {
            using (var export = archive.CreateEntry("apple_health_export/export.xml").Open())
            {
                export.Write(ImportFiles.Bytes("applehealth/dogsheep-export.xml"));
            }

            using var filler = archive.CreateEntry("apple_health_export/padding.bin", CompressionLevel.NoCompression).Open();
            filler.Write(new byte[padding]);
        }

        return buffer.ToArray();
    }

    private static async Task<long> SpooledBytesAsync(HttpClient client)
    {
        // Absent until the process first counts ingest or a spool.
        var line = SpooledBytesLine().Match(await client.GetStringAsync("/metrics"));
        return line.Success ? (long)double.Parse(line.Groups[1].Value, CultureInfo.InvariantCulture) : 0;
    }

    private ApiFactory StartKestrelApi(long maxBodyBytes, long maxSpoolBytes)
    {
        var api = new ApiFactory(new Dictionary<string, string?>(fixture.Settings, StringComparer.Ordinal)
        {
            ["Imports:MaxBodyBytes"] = maxBodyBytes.ToString(CultureInfo.InvariantCulture),
            ["Imports:MaxSpoolBytes"] = maxSpoolBytes.ToString(CultureInfo.InvariantCulture),
        });
        api.UseKestrel(0);
        api.StartServer();
        return api;
    }

    /// <summary>A plain client on the server's socket: the factory's own clients buffer request bodies to resend them.</summary>
    private static HttpClient Client(ApiFactory api, string key)
    {
        var address = api.Services.GetRequiredService<IServer>().Features.GetRequiredFeature<IServerAddressesFeature>().Addresses.First();
        var client = new HttpClient { BaseAddress = new Uri(address) };
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", key);
        return client;
    }

    [GeneratedRegex(@"^skinprogress_import_spooled_bytes (\S+)$", RegexOptions.Multiline)]
    private static partial Regex SpooledBytesLine();

    /// <summary>Sends the first <paramref name="holdAt"/> bytes of the file, then the rest once released.</summary>
    private sealed class HeldContent(byte[] file, int holdAt) : HttpContent
    {
        private readonly TaskCompletionSource _released = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public void Release() => _released.TrySetResult();

        protected override async Task SerializeToStreamAsync(Stream stream, TransportContext? context)
        {
            await stream.WriteAsync(file.AsMemory(0, holdAt));
            await stream.FlushAsync();
            await _released.Task;
            await stream.WriteAsync(file.AsMemory(holdAt));
        }

        protected override bool TryComputeLength(out long length)
        {
            length = file.Length;
            return true;
        }
    }
}
