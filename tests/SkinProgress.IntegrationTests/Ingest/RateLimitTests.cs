using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using static SkinProgress.IntegrationTests.Pipeline;

namespace SkinProgress.IntegrationTests.Ingest;

[Collection(RealServices.Name)]
public sealed class RateLimitTests(SkinProgressFixture fixture)
{
    [Fact]
    public async Task DeviceOverItsLimit_Gets429WithRetryAfter_WhileOtherDevicesAreServed()
    {
        var busy = await fixture.CreateUserAsync();
        var other = await fixture.CreateUserAsync();
        using var device = fixture.Client(busy.DeviceKey);

        HttpResponseMessage? limited = null;
        for (var i = 0; i <= SkinProgressFixture.DeviceRequestsPerMinute && limited is null; i++)
        {
            // An invalid event is refused before publishing, so the loop costs no broker traffic.
            var response = await device.PostEventsAsync(new { id = $"r{i}", type = "hydration", occurredAt = "2026-03-02T10:00:00Z", volumeMl = -1 });
            if (response.StatusCode == HttpStatusCode.TooManyRequests)
            {
                limited = response;
            }
        }

        Assert.NotNull(limited);
        Assert.NotNull(limited.Headers.RetryAfter);
        var problem = await limited.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal("urn:skinprogress:problem:rate-limited", problem.GetProperty("type").GetString());

        using var otherDevice = fixture.Client(other.DeviceKey);
        Assert.Equal(HttpStatusCode.Accepted, (await otherDevice.PostEventsAsync(Water("fine", "2026-03-02T10:00:00Z", 100))).StatusCode);
    }
}
