using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using static SkinProgress.IntegrationTests.Pipeline;

namespace SkinProgress.IntegrationTests.Auth;

[Collection(RealServices.Name)]
public sealed class AuthMatrixTests(SkinProgressFixture fixture)
{
    [Theory]
    [InlineData(null)]
    [InlineData("spd_unknownunknownunknownunknownunknownunknown")]
    [InlineData("not-a-key")]
    public async Task Ingest_Answers401Problem_WithoutAKnownKey(string? key)
    {
        using var client = fixture.Client(key);
        using var response = await client.PostEventsAsync(Water("x", "2026-03-02T10:00:00Z", 100));
        await AssertProblemAsync(response, HttpStatusCode.Unauthorized);
        Assert.Contains("Bearer", response.Headers.WwwAuthenticate.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task RevokedDeviceKey_Gets401()
    {
        var user = await fixture.CreateUserAsync();
        using var device = fixture.Client(user.DeviceKey);
        Assert.Equal(HttpStatusCode.Accepted, (await device.PostEventsAsync(Water("before", "2026-03-02T10:00:00Z", 100))).StatusCode);

        using var admin = fixture.Admin();
        Assert.Equal(HttpStatusCode.NoContent, (await admin.DeleteAsync($"/v1/admin/keys/{user.DeviceKeyId}")).StatusCode);

        await AssertProblemAsync(await device.PostEventsAsync(Water("after", "2026-03-02T10:00:00Z", 100)), HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task RevokedUserKey_Gets401()
    {
        var user = await fixture.CreateUserAsync();
        using var me = fixture.Client(user.UserKey);
        // Used once first, so the Api has it among its recently validated keys.
        Assert.Equal(HttpStatusCode.OK, (await me.GetAsync("/v1/me")).StatusCode);

        using var admin = fixture.Admin();
        Assert.Equal(HttpStatusCode.NoContent, (await admin.DeleteAsync($"/v1/admin/keys/{user.UserKeyId}")).StatusCode);

        await AssertProblemAsync(await me.GetAsync("/v1/me"), HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task UserKeyOnIngest_Gets403()
    {
        var user = await fixture.CreateUserAsync();
        using var me = fixture.Client(user.UserKey);
        await AssertProblemAsync(await me.PostEventsAsync(Water("x", "2026-03-02T10:00:00Z", 100)), HttpStatusCode.Forbidden);
    }

    [Fact]
    public async Task DeviceAndUserKeysOnAdminRoutes_Get403()
    {
        var user = await fixture.CreateUserAsync();
        foreach (var key in new[] { user.DeviceKey, user.UserKey })
        {
            using var client = fixture.Client(key);
            await AssertProblemAsync(await client.PostAsJsonAsync("/v1/admin/users", new { email = "x@example.org" }), HttpStatusCode.Forbidden);
            await AssertProblemAsync(await client.PostAsync($"/v1/admin/users/{user.Id}/keys", null), HttpStatusCode.Forbidden);
            await AssertProblemAsync(await client.DeleteAsync($"/v1/admin/keys/{user.UserKeyId}"), HttpStatusCode.Forbidden);
            await AssertProblemAsync(await client.GetAsync("/v1/admin/summaries/failures"), HttpStatusCode.Forbidden);
        }
    }

    [Fact]
    public async Task DeviceKeyOnUserRoutes_Gets403()
    {
        var user = await fixture.CreateUserAsync();
        using var device = fixture.Client(user.DeviceKey);
        await AssertProblemAsync(await device.GetAsync("/v1/me"), HttpStatusCode.Forbidden);
    }

    [Fact]
    public async Task DeviceOfUserA_WritesOnlyToA_AndNeverToB()
    {
        var a = await fixture.CreateUserAsync();
        var b = await fixture.CreateUserAsync();
        using var deviceA = fixture.Client(a.DeviceKey);
        using var meA = fixture.Client(a.UserKey);
        using var meB = fixture.Client(b.UserKey);

        // The body names B as the owner: the owner comes from the credential, so this is ignored.
        using var response = await deviceA.PostAsJsonAsync("/v1/events", new
        {
            userId = b.Id,
            events = new[] { new { id = "owned", type = "hydration", occurredAt = "2026-03-02T10:00:00Z", volumeMl = 300, userId = b.Id } },
        });
        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);

        await meA.DayWithEventsAsync("2026-03-02", 1);
        Assert.Null(await meB.GetDayAsync("2026-03-02"));
        Assert.Equal(0, await fixture.WithDbAsync(db => db.RawEvents.CountAsync(e => e.UserId == b.Id)));
    }

    [Fact]
    public async Task UserKey_ReadsOnlyItsOwnDays()
    {
        var a = await fixture.CreateUserAsync();
        var b = await fixture.CreateUserAsync();
        using var deviceB = fixture.Client(b.DeviceKey);
        await deviceB.PostEventsAsync(Water("b-only", "2026-03-02T10:00:00Z", 300));
        using var meB = fixture.Client(b.UserKey);
        await meB.DayWithEventsAsync("2026-03-02", 1);

        using var meA = fixture.Client(a.UserKey);
        Assert.Null(await meA.GetDayAsync("2026-03-02"));
        var profile = await meA.GetFromJsonAsync<JsonElement>("/v1/me");
        Assert.Equal(a.Id, profile.GetProperty("id").GetGuid());
    }

    [Fact]
    public async Task CreatedKeys_AreStoredOnlyAsHashes()
    {
        var user = await fixture.CreateUserAsync();
        var hashes = await fixture.WithDbAsync(db => db.ApiKeys.Where(k => k.UserId == user.Id).Select(k => k.Hash).ToListAsync());
        Assert.Equal(2, hashes.Count);
        Assert.All(hashes, h => Assert.Equal(32, h.Length));
        Assert.StartsWith("spd_", user.DeviceKey, StringComparison.Ordinal);
        Assert.StartsWith("spu_", user.UserKey, StringComparison.Ordinal);
        Assert.DoesNotContain(hashes, h => System.Text.Encoding.UTF8.GetString(h).Contains(user.DeviceKey[4..12], StringComparison.Ordinal));
    }

    private static async Task AssertProblemAsync(HttpResponseMessage response, HttpStatusCode status)
    {
        Assert.Equal(status, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal((int)status, problem.GetProperty("status").GetInt32());
        Assert.StartsWith("urn:skinprogress:problem:", problem.GetProperty("type").GetString(), StringComparison.Ordinal);
    }
}
