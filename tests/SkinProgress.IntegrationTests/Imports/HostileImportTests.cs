using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;

namespace SkinProgress.IntegrationTests.Imports;

/// <summary>Files and uploads built to break the reader get a client's answer, never a 500.</summary>
[Collection(RealServices.Name)]
public sealed class HostileImportTests(SkinProgressFixture fixture)
{
    [Fact]
    public async Task AppleHealthRecordDatedBeforeTheFirstInstant_IsSkipped_AndTheRestImported()
    {
        var user = await fixture.CreateUserAsync(timeZone: "UTC");
        using var device = fixture.Client(user.DeviceKey);
        var export = Encoding.UTF8.GetBytes("""
            <?xml version="1.0" encoding="UTF-8"?>
            <HealthData locale="en_US">
             <Record type="HKQuantityTypeIdentifierBodyMass" sourceName="Scale" unit="kg" startDate="0001-01-01 00:00:00 +1400" endDate="0001-01-01 00:00:00 +1400" value="80"/>
             <Record type="HKQuantityTypeIdentifierBodyMass" sourceName="Scale" unit="kg" startDate="2026-03-02 07:00:00 +0100" endDate="2026-03-02 07:00:00 +0100" value="81"/>
            </HealthData>
            """);

        using var response = await device.ImportAsync(export);

        var body = await response.AcceptedBodyAsync();
        Assert.Equal(1, body.GetProperty("accepted").GetInt32());
        Assert.Contains(body.GetProperty("warnings").EnumerateArray(), w => w.GetProperty("code").GetString() == "bad_date");
    }

    [Fact]
    public async Task MultipartPartWithHeadersOverTheReadersLimit_Gets400()
    {
        var user = await fixture.CreateUserAsync();
        using var device = fixture.Client(user.DeviceKey);
        const string boundary = "b0undary";
        var body = $"--{boundary}\r\nContent-Disposition: form-data; name=\"file\"; filename=\"a.fit\"\r\nX-Padding: {new string('x', 17 * 1024)}\r\n\r\nfit\r\n--{boundary}--\r\n";
        using var content = new ByteArrayContent(Encoding.ASCII.GetBytes(body));
        content.Headers.ContentType = MediaTypeHeaderValue.Parse($"multipart/form-data; boundary={boundary}");

        using var response = await device.PostAsync("/v1/imports", content);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var problem = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;
        Assert.Equal("urn:skinprogress:problem:malformed-body", problem.GetProperty("type").GetString());
    }
}
