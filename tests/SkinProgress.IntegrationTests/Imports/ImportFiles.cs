using System.IO.Compression;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;

namespace SkinProgress.IntegrationTests.Imports;

/// <summary>The Formats tests' real files (linked into ImportData/) and client helpers for <c>POST /v1/imports</c>.</summary>
public static class ImportFiles
{
    public static byte[] Bytes(string relativePath) => File.ReadAllBytes(Path.Combine(AppContext.BaseDirectory, "ImportData", relativePath));

    /// <summary>An Apple Health export as the Health app zips it.</summary>
    public static byte[] AppleHealthZip(byte[] exportXml)
    {
        using var buffer = new MemoryStream();
        using (var zip = new ZipArchive(buffer, ZipArchiveMode.Create, leaveOpen: true))
        {
            using var entry = zip.CreateEntry("apple_health_export/export.xml").Open();
            entry.Write(exportXml);
        }

        return buffer.ToArray();
    }

    public static async Task<HttpResponseMessage> ImportAsync(this HttpClient device, byte[] file)
    {
        using var content = new ByteArrayContent(file);
        content.Headers.ContentType = new MediaTypeHeaderValue("application/octet-stream");
        return await device.PostAsync("/v1/imports", content);
    }

    public static async Task<JsonElement> AcceptedBodyAsync(this HttpResponseMessage response)
    {
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == System.Net.HttpStatusCode.Accepted, $"{(int)response.StatusCode}: {body}");
        return JsonDocument.Parse(body).RootElement;
    }

    /// <summary>Every scored day of whole calendar years (one request per year: a range holds at most 366 days), once they hold at least <paramref name="events"/> events.</summary>
    public static async Task<List<JsonElement>> DaysWithEventsAsync(this HttpClient me, int fromYear, int toYear, int events)
    {
        var days = await SkinProgressFixture.EventuallyAsync(() => DaysAsync(me, fromYear, toYear), d => EventCount(d) >= events);
        Assert.True(EventCount(days) >= events, $"{fromYear}..{toYear} was not scored with {events} events in time: {string.Join(", ", days)}");
        return days;
    }

    private static async Task<List<JsonElement>> DaysAsync(HttpClient me, int fromYear, int toYear)
    {
        var days = new List<JsonElement>();
        for (var year = fromYear; year <= toYear; year++)
        {
            var response = await me.GetFromJsonAsync<JsonElement>($"/v1/me/days?from={year}-01-01&to={year}-12-31");
            days.AddRange(response.GetProperty("days").EnumerateArray());
        }

        return days;
    }

    private static int EventCount(List<JsonElement> days) => days.Sum(d => d.GetProperty("eventCount").GetInt32());
}
