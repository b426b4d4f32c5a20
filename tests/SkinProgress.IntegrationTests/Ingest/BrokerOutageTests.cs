using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using static SkinProgress.IntegrationTests.Pipeline;

namespace SkinProgress.IntegrationTests.Ingest;

[Collection(RealServices.Name)]
public sealed class BrokerOutageTests(SkinProgressFixture fixture)
{
    [Fact]
    public async Task PostEvents_Answers503AndAcceptsNothing_WhileRabbitMqIsDown_ThenTheSameRequestSucceeds()
    {
        var user = await fixture.CreateUserAsync();
        using var device = fixture.Client(user.DeviceKey);
        using var me = fixture.Client(user.UserKey);
        object[] batch = [Water("outage-1", "2026-03-02T10:00:00Z", 250), Meal("outage-2", "2026-03-02T12:00:00Z", 25)];

        await TestServices.RunServicesScriptAsync("rabbit-stop");
        try
        {
            using var refused = await device.PostEventsAsync(batch);
            Assert.Equal(HttpStatusCode.ServiceUnavailable, refused.StatusCode);
            Assert.True(refused.Headers.RetryAfter is not null, "503 must say when to retry");
            Assert.Equal("application/problem+json", refused.Content.Headers.ContentType?.MediaType);
            var problem = await refused.Content.ReadFromJsonAsync<JsonElement>();
            Assert.Equal("urn:skinprogress:problem:broker-unavailable", problem.GetProperty("type").GetString());

            using var client = fixture.Client();
            var ready = await SkinProgressFixture.EventuallyAsync(() => client.GetAsync("/health/ready"), r => r.StatusCode != HttpStatusCode.OK);
            Assert.Equal(HttpStatusCode.ServiceUnavailable, ready.StatusCode);
        }
        finally
        {
            await TestServices.RunServicesScriptAsync("rabbit-start");
        }

        // Nothing from the refused request reached the broker or the database.
        Assert.Equal(0, await fixture.WithDbAsync(db => db.RawEvents.CountAsync(e => e.UserId == user.Id)));

        await fixture.WaitUntilReadyAsync();
        using var accepted = await SkinProgressFixture.EventuallyAsync(() => device.PostEventsAsync(batch), r => r.StatusCode == HttpStatusCode.Accepted);
        Assert.Equal(HttpStatusCode.Accepted, accepted.StatusCode);

        var day = await me.DayWithEventsAsync("2026-03-02", 2);
        Assert.Equal(250, day.Number("fluidsMl"));
        Assert.Equal(25, day.Number("proteinGrams"));
    }

    [Fact]
    public async Task DeleteEvent_Answers503AndRemovesNothing_WhileRabbitMqIsDown()
    {
        var user = await fixture.CreateUserAsync();
        using var device = fixture.Client(user.DeviceKey);
        using var me = fixture.Client(user.UserKey);
        await device.PostEventsAsync(Meal("kept", "2026-03-02T12:00:00Z", 25));
        await me.DayWithEventsAsync("2026-03-02", 1);

        await TestServices.RunServicesScriptAsync("rabbit-stop");
        try
        {
            using var refused = await device.DeleteAsync("/v1/events/kept");
            Assert.Equal(HttpStatusCode.ServiceUnavailable, refused.StatusCode);
            Assert.True(refused.Headers.RetryAfter is not null, "503 must say when to retry");
            var problem = await refused.Content.ReadFromJsonAsync<JsonElement>();
            Assert.Equal("urn:skinprogress:problem:broker-unavailable", problem.GetProperty("type").GetString());
        }
        finally
        {
            await TestServices.RunServicesScriptAsync("rabbit-start");
        }

        await fixture.WaitUntilReadyAsync();
        Assert.True(await fixture.WithDbAsync(db => db.RawEvents.AnyAsync(e => e.UserId == user.Id && e.ExternalId == "kept")));
        Assert.Equal(25, (await me.GetDayAsync("2026-03-02")).Number("proteinGrams"));
    }
}
