using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using static SkinProgress.IntegrationTests.Pipeline;

namespace SkinProgress.IntegrationTests.Ingest;

[Collection(RealServices.Name)]
public sealed class EventRemovalTests(SkinProgressFixture fixture)
{
    [Fact]
    public async Task Delete_RemovesTheEvent_AndItsDayIsRecomputed_UntilNoEventIsLeftAndTheDayGoes()
    {
        var user = await fixture.CreateUserAsync();
        using var device = fixture.Client(user.DeviceKey);
        using var me = fixture.Client(user.UserKey);
        await device.PostEventsAsync(Meal("m1", "2026-03-02T12:00:00Z", 40), Meal("m2", "2026-03-02T18:00:00Z", 30));
        Assert.Equal(70, (await me.DayWithEventsAsync("2026-03-02", 2)).Number("proteinGrams"));

        Assert.Equal(HttpStatusCode.NoContent, (await device.DeleteAsync("/v1/events/m1")).StatusCode);
        var day = await SkinProgressFixture.EventuallyAsync(() => me.GetDayAsync("2026-03-02"), d => d.Number("proteinGrams") != 70);
        Assert.Equal((30, 1), (day.Number("proteinGrams"), day!.Value.GetProperty("eventCount").GetInt32()));

        Assert.Equal(HttpStatusCode.NoContent, (await device.DeleteAsync("/v1/events/m2")).StatusCode);
        Assert.Null(await SkinProgressFixture.EventuallyAsync(() => me.GetDayAsync("2026-03-02"), d => d is null));
    }

    [Fact]
    public async Task Delete_OfAnIdTheSourceNeverStored_Is404ProblemDocument()
    {
        var user = await fixture.CreateUserAsync();
        using var device = fixture.Client(user.DeviceKey);

        using var response = await device.DeleteAsync("/v1/events/never-sent");

        await AssertNotFoundAsync(response);
    }

    [Fact]
    public async Task Delete_ByADeviceOfAnotherSource_Is404_AndTheEventStays()
    {
        var user = await fixture.CreateUserAsync(source: "garmin");
        using var admin = fixture.Admin();
        var polar = await (await admin.PostAsJsonAsync($"/v1/admin/users/{user.Id}/devices", new { name = "strap", source = "polar" }))
            .EnsureSuccessStatusCode().Content.ReadFromJsonAsync<JsonElement>();
        using var garmin = fixture.Client(user.DeviceKey);
        using var other = fixture.Client(polar.GetProperty("key").GetString());
        using var me = fixture.Client(user.UserKey);
        await garmin.PostEventsAsync(Meal("m1", "2026-03-02T12:00:00Z", 40));
        await me.DayWithEventsAsync("2026-03-02", 1);

        using var response = await other.DeleteAsync("/v1/events/m1");

        await AssertNotFoundAsync(response);
        Assert.True(await fixture.WithDbAsync(db => db.RawEvents.AnyAsync(e => e.UserId == user.Id && e.ExternalId == "m1")));
    }

    private static async Task AssertNotFoundAsync(HttpResponseMessage response)
    {
        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal("urn:skinprogress:problem:not-found", problem.GetProperty("type").GetString());
    }
}
