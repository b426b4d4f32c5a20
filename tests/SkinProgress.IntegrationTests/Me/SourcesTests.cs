using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using SkinProgress.Sources;
using static SkinProgress.IntegrationTests.Pipeline;

namespace SkinProgress.IntegrationTests.Me;

/// <summary>GET and PUT /v1/me/sources: the user's own order, validated, and a change recomputes every day.</summary>
[Collection(RealServices.Name)]
public sealed class SourcesTests(SkinProgressFixture fixture)
{
    [Fact]
    public async Task NewUser_ReadsTheDefaultOrderOfEveryType()
    {
        var user = await fixture.CreateUserAsync();
        using var me = fixture.Client(user.UserKey);

        var sources = await me.GetFromJsonAsync<JsonElement>("/v1/me/sources");

        Assert.Equal(SourcePriorities.Default.Workout, Names(sources, "workout"));
        Assert.Equal(SourcePriorities.Default.Weight, Names(sources, "weight"));
        Assert.Equal(SourcePriorities.Default.Nutrition, Names(sources, "nutrition"));
    }

    [Fact]
    public async Task Put_MovesTheNamedSourcesFirst_AndATypeLeftOutRanksByDefault()
    {
        var user = await fixture.CreateUserAsync();
        using var me = fixture.Client(user.UserKey);
        using var first = await me.PutAsJsonAsync("/v1/me/sources", new { weight = new[] { "manual" } });
        Assert.Equal(HttpStatusCode.OK, first.StatusCode);

        using var put = await me.PutAsJsonAsync("/v1/me/sources", new { workout = new[] { "strava", "garmin" } });

        Assert.Equal(HttpStatusCode.OK, put.StatusCode);
        var sources = await me.GetFromJsonAsync<JsonElement>("/v1/me/sources");
        Assert.Equal(["strava", "garmin", "polar", "suunto", "fitbit", "withings", "apple_health", "google_fit", "manual", "other"], Names(sources, "workout"));
        Assert.Equal(SourcePriorities.Default.Weight, Names(sources, "weight"));
        Assert.Equal(Names(await put.Content.ReadFromJsonAsync<JsonElement>(), "workout"), Names(sources, "workout"));
        var export = await me.GetFromJsonAsync<JsonElement>("/v1/me/export");
        Assert.Equal(Names(sources, "workout"), Names(export.GetProperty("sourcePriorities"), "workout"));
    }

    [Theory]
    [InlineData("workout", "[\"polar\", \"polr\"]")]
    [InlineData("weight", "[\"withings\", \"withings\"]")]
    [InlineData("nutrition", "[null]")]
    [InlineData("nutrition", "[\"Manual\"]")]
    public async Task Put_AnUnknownRepeatedOrMissingName_IsRefusedNamingTheType_AndChangesNothing(string field, string list)
    {
        var user = await fixture.CreateUserAsync();
        using var me = fixture.Client(user.UserKey);

        using var response = await me.PutAsync("/v1/me/sources", new StringContent($"{{\"{field}\": {list}}}", Encoding.UTF8, "application/json"));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal("urn:skinprogress:problem:validation", problem.GetProperty("type").GetString());
        Assert.True(problem.GetProperty("errors").TryGetProperty(field, out _));
        Assert.Null(await fixture.WithDbAsync(db => db.Users.Where(u => u.Id == user.Id).Select(u => u.SourcePriorities).SingleAsync()));
    }

    [Fact]
    public async Task Put_ChangesOnlyTheCredentialsUser_AndADeviceKeyMayNotCallIt()
    {
        var owner = await fixture.CreateUserAsync();
        var other = await fixture.CreateUserAsync();
        using var me = fixture.Client(owner.UserKey);
        using var device = fixture.Client(owner.DeviceKey);

        using var put = await me.PutAsJsonAsync("/v1/me/sources", new { nutrition = new[] { "apple_health" } });
        using var byDevice = await device.PutAsJsonAsync("/v1/me/sources", new { nutrition = new[] { "google_fit" } });

        Assert.Equal(HttpStatusCode.OK, put.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, byDevice.StatusCode);
        using var otherClient = fixture.Client(other.UserKey);
        Assert.Equal(SourcePriorities.Default.Nutrition, Names(await otherClient.GetFromJsonAsync<JsonElement>("/v1/me/sources"), "nutrition"));
        Assert.Equal("apple_health", Names(await me.GetFromJsonAsync<JsonElement>("/v1/me/sources"), "nutrition")[0]);
    }

    [Fact]
    public async Task ChangedOrder_RecomputesEveryDayOfTheUser_ThroughTheScoringPath()
    {
        var user = await fixture.CreateUserAsync();
        using var device = fixture.Client(user.DeviceKey);
        using var me = fixture.Client(user.UserKey);
        await device.PostEventsAsync(Water("early", "2026-02-02T10:00:00Z", 300));
        await device.PostEventsAsync(Water("late", "2026-03-09T10:00:00Z", 300));
        await me.DayWithEventsAsync("2026-02-02", 1);
        await me.DayWithEventsAsync("2026-03-09", 1);
        var before = await ScoredAtAsync(user.Id);

        using var put = await me.PutAsJsonAsync("/v1/me/sources", new { workout = new[] { "strava" } });

        Assert.Equal(HttpStatusCode.OK, put.StatusCode);
        var after = await SkinProgressFixture.EventuallyAsync(() => ScoredAtAsync(user.Id), days => days.All(d => d.Value > before[d.Key]));
        Assert.Equal(before.Keys, after.Keys);
        Assert.All(after, d => Assert.True(d.Value > before[d.Key], $"{d.Key} was not recomputed"));
    }

    [Fact]
    public async Task Put_WhileRabbitMqIsDown_Answers503_AndKeepsTheOldOrder()
    {
        var user = await fixture.CreateUserAsync();
        using var me = fixture.Client(user.UserKey);

        await TestServices.RunServicesScriptAsync("rabbit-stop");
        try
        {
            using var refused = await me.PutAsJsonAsync("/v1/me/sources", new { workout = new[] { "strava" } });

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
        Assert.Equal(SourcePriorities.Default.Workout, Names(await me.GetFromJsonAsync<JsonElement>("/v1/me/sources"), "workout"));
    }

    private Task<Dictionary<DateOnly, DateTimeOffset>> ScoredAtAsync(Guid userId) =>
        fixture.WithDbAsync(db => db.DailyTotals.Where(d => d.UserId == userId).ToDictionaryAsync(d => d.LocalDate, d => d.UpdatedAt));

    private static string[] Names(JsonElement sources, string type) =>
        [.. sources.GetProperty(type).EnumerateArray().Select(e => e.GetString()!)];
}
