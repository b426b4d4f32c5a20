using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using static SkinProgress.IntegrationTests.Pipeline;

namespace SkinProgress.IntegrationTests.Imports;

[Collection(RealServices.Name)]
public sealed class ImportTests(SkinProgressFixture fixture)
{
    [Fact]
    public async Task Import_ScoresOneStrengthWorkout_ForForerunnerStrengthFit()
    {
        var user = await fixture.CreateUserAsync();
        using var device = fixture.Client(user.DeviceKey);
        using var me = fixture.Client(user.UserKey);

        using var response = await device.ImportAsync(ImportFiles.Bytes("fit/20474406937_ACTIVITY.fit"));

        var body = await response.AcceptedBodyAsync();
        Assert.Equal("fit", body.GetProperty("format").GetString());
        Assert.Equal((1, 1, 0), (body.GetProperty("events").GetInt32(), body.GetProperty("accepted").GetInt32(), body.GetProperty("rejected").GetInt32()));
        var day = await me.DayWithEventsAsync("2025-09-23", 1);
        Assert.Equal(1, day.Number("strengthSessions"));
        Assert.Equal(305, day.Number("workoutEnergyKcal"));
        Assert.Equal(0, day.Number("moderateEquivalentMinutes"));
    }

    [Theory]
    [InlineData("tcx/test.tcx", "tcx", "2012-12-26", 1, 379)]
    [InlineData("gpx/run.gpx", "gpx", "2012-10-24", 1, 0)]
    [InlineData("applehealth/dogsheep-export.xml", "apple_health_xml", "2016-11-14", 1, 48.745)]
    public async Task Import_ScoresTheFilesWorkout_ForEachTextFormat(string path, string format, string date, int events, double workoutKcal)
    {
        var user = await fixture.CreateUserAsync(timeZone: "UTC");
        using var device = fixture.Client(user.DeviceKey);
        using var me = fixture.Client(user.UserKey);

        using var response = await device.ImportAsync(ImportFiles.Bytes(path));

        var body = await response.AcceptedBodyAsync();
        Assert.Equal(format, body.GetProperty("format").GetString());
        Assert.Equal(events, body.GetProperty("accepted").GetInt32());
        var day = await me.DayWithEventsAsync(date, events);
        Assert.Equal(workoutKcal, day.Number("workoutEnergyKcal"), 3);
        Assert.True(day.Number("moderateEquivalentMinutes") > 0, $"the workout counts as aerobic minutes: {day}");
    }

    [Fact]
    public async Task Import_StoresTheSameEvents_FromAppleHealthXmlAndFromItsZip()
    {
        var xml = ImportFiles.Bytes("applehealth/opendroid-sampleexport-2.xml");
        var fromXml = await fixture.CreateUserAsync(timeZone: "UTC");
        var fromZip = await fixture.CreateUserAsync(timeZone: "UTC");
        using var xmlDevice = fixture.Client(fromXml.DeviceKey);
        using var zipDevice = fixture.Client(fromZip.DeviceKey);

        using var xmlResponse = await xmlDevice.ImportAsync(xml);
        using var zipResponse = await zipDevice.ImportAsync(ImportFiles.AppleHealthZip(xml));

        var xmlBody = await xmlResponse.AcceptedBodyAsync();
        var zipBody = await zipResponse.AcceptedBodyAsync();
        Assert.Equal("apple_health_xml", xmlBody.GetProperty("format").GetString());
        Assert.Equal("apple_health_zip", zipBody.GetProperty("format").GetString());
        Assert.Equal((12, 12, 0), (xmlBody.GetProperty("events").GetInt32(), xmlBody.GetProperty("accepted").GetInt32(), xmlBody.GetProperty("rejected").GetInt32()));
        Assert.Equal((12, 12, 0), (zipBody.GetProperty("events").GetInt32(), zipBody.GetProperty("accepted").GetInt32(), zipBody.GetProperty("rejected").GetInt32()));
        using var xmlMe = fixture.Client(fromXml.UserKey);
        using var zipMe = fixture.Client(fromZip.UserKey);
        var xmlDays = await xmlMe.DaysWithEventsAsync(2016, 2020, 12);
        var zipDays = await zipMe.DaysWithEventsAsync(2016, 2020, 12);
        Assert.Equal(string.Join(",", xmlDays), string.Join(",", zipDays));
        Assert.Equal(7, xmlDays.Count(d => d.GetProperty("lastWeightKg").ValueKind == JsonValueKind.Number));
    }

    [Fact]
    public async Task ImportingTheSameFilesTwice_LeavesTheDailyTotalsUnchanged()
    {
        var user = await fixture.CreateUserAsync();
        using var device = fixture.Client(user.DeviceKey);
        using var me = fixture.Client(user.UserKey);
        var fit = ImportFiles.Bytes("fit/20474406937_ACTIVITY.fit");
        var export = ImportFiles.Bytes("applehealth/opendroid-sampleexport-2.xml");

        await (await device.ImportAsync(fit)).AcceptedBodyAsync();
        await (await device.ImportAsync(export)).AcceptedBodyAsync();
        var once = string.Join(",", await me.DaysWithEventsAsync(2016, 2025, 13));

        var again = await (await device.ImportAsync(fit)).AcceptedBodyAsync();
        Assert.Equal(1, again.GetProperty("accepted").GetInt32());
        await (await device.ImportAsync(export)).AcceptedBodyAsync();
        // The Worker handles a user's messages in order: once the marker is scored, both re-imports have been too.
        Assert.Equal(HttpStatusCode.Accepted, (await device.PostEventsAsync(Water("marker", "2026-03-05T10:00:00Z", 100))).StatusCode);
        await me.DayWithEventsAsync("2026-03-05", 1);

        var twice = string.Join(",", await me.DaysWithEventsAsync(2016, 2025, 13));
        Assert.Equal(once, twice);
    }

    [Theory]
    [InlineData("fit/activity-unexpected-eof.fit", "truncated", 768)]
    [InlineData("fit/activity-filecrc.fit", "bad_file_crc", null)]
    public async Task Import_Answers422NamingTheProblem_AndStoresNothing_ForBrokenFit(string path, string problemCode, int? byteOffset)
    {
        var user = await fixture.CreateUserAsync();
        using var device = fixture.Client(user.DeviceKey);
        using var me = fixture.Client(user.UserKey);

        using var response = await device.ImportAsync(ImportFiles.Bytes(path));

        Assert.Equal(HttpStatusCode.UnprocessableEntity, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal("urn:skinprogress:problem:broken-file", problem.GetProperty("type").GetString());
        Assert.Equal(problemCode, problem.GetProperty("problem").GetString());
        Assert.Equal(0, problem.GetProperty("accepted").GetInt32());
        if (byteOffset is { } offset)
        {
            Assert.Equal(offset, problem.GetProperty("byteOffset").GetInt64());
        }

        Assert.Equal(HttpStatusCode.Accepted, (await device.PostEventsAsync(Water("marker", "2026-03-05T10:00:00Z", 100))).StatusCode);
        await me.DayWithEventsAsync("2026-03-05", 1);
        Assert.Equal(1, await fixture.WithDbAsync(db => db.RawEvents.CountAsync(e => e.UserId == user.Id)));
    }

    [Fact]
    public async Task Import_Answers415_ForRandomBytes()
    {
        var user = await fixture.CreateUserAsync();
        using var device = fixture.Client(user.DeviceKey);
        var bytes = new byte[20_000];
        new Random(4).NextBytes(bytes);

        using var response = await device.ImportAsync(bytes);

        Assert.Equal(HttpStatusCode.UnsupportedMediaType, response.StatusCode);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal("urn:skinprogress:problem:unsupported-media-type", problem.GetProperty("type").GetString());
    }

    [Fact]
    public async Task Import_ReadsTheFilePart_OfMultipartUpload()
    {
        var user = await fixture.CreateUserAsync(timeZone: "UTC");
        using var device = fixture.Client(user.DeviceKey);
        using var form = new MultipartFormDataContent
        {
            { new StringContent("Forerunner sync"), "note" },
        };
        var file = new ByteArrayContent(ImportFiles.Bytes("tcx/test.tcx"));
        file.Headers.ContentType = new MediaTypeHeaderValue("application/vnd.garmin.tcx+xml");
        form.Add(file, "file", "test.tcx");

        using var response = await device.PostAsync("/v1/imports", form);

        var body = await response.AcceptedBodyAsync();
        Assert.Equal("tcx", body.GetProperty("format").GetString());
        Assert.Equal(1, body.GetProperty("accepted").GetInt32());
    }

    [Fact]
    public async Task Import_Answers400_ForMultipartUploadWithoutFilePart()
    {
        var user = await fixture.CreateUserAsync();
        using var device = fixture.Client(user.DeviceKey);
        using var form = new MultipartFormDataContent { { new StringContent("no file here"), "note" } };

        using var response = await device.PostAsync("/v1/imports", form);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
    }

    [Fact]
    public async Task Import_SharesTheDevicesRateLimitWithEvents()
    {
        var user = await fixture.CreateUserAsync();
        using var device = fixture.Client(user.DeviceKey);
        var limited = false;
        for (var i = 0; i <= SkinProgressFixture.DeviceRequestsPerMinute && !limited; i++)
        {
            // An invalid event is refused before publishing, so the loop costs no broker traffic.
            using var response = await device.PostEventsAsync(new { id = $"r{i}", type = "hydration", occurredAt = "2026-03-02T10:00:00Z", volumeMl = -1 });
            limited = response.StatusCode == HttpStatusCode.TooManyRequests;
        }

        Assert.True(limited, "the device never reached its limit on /v1/events");
        using var import = await device.ImportAsync(ImportFiles.Bytes("gpx/run.gpx"));
        Assert.Equal(HttpStatusCode.TooManyRequests, import.StatusCode);
        Assert.NotNull(import.Headers.RetryAfter);
        Assert.Equal("urn:skinprogress:problem:rate-limited", (await import.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("type").GetString());
    }

    [Fact]
    public async Task Import_IsRefused_ForUserKey()
    {
        var user = await fixture.CreateUserAsync();
        using var me = fixture.Client(user.UserKey);

        using var response = await me.ImportAsync(ImportFiles.Bytes("tcx/test.tcx"));

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
    }
}
