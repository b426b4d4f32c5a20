using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;

namespace SkinProgress.IntegrationTests.Me;

/// <summary>A profile update the contract refuses answers 4xx, stores nothing, and leaves the user readable.</summary>
[Collection(RealServices.Name)]
public sealed class ProfileValidationTests(SkinProgressFixture fixture)
{
    [Theory]
    [InlineData("heightCm", "\"NaN\"")]
    [InlineData("startWeightKg", "\"NaN\"")]
    [InlineData("goalWeightKg", "\"Infinity\"")]
    [InlineData("heightCm", "\"172\"")]
    [InlineData("displayName", "\"Sam\\u0000\"")]
    [InlineData("displayName", "\"Sam\\u0007\"")]
    [InlineData("timeZone", "\"Factory\"")]
    [InlineData("timeZone", "\"localtime\"")]
    [InlineData("timeZone", "\"posixrules\"")]
    [InlineData("timeZone", "\"right/UTC\"")]
    [InlineData("timeZone", "\"Europe//London\"")]
    [InlineData("weekStart", "\"7\"")]
    [InlineData("weekStart", "\"-1\"")]
    [InlineData("summaryHour", "1e400")]
    public async Task RefusedField_Gets4xx_AndTheUserStaysReadableAndUnchanged(string field, string json)
    {
        var user = await fixture.CreateUserAsync();
        using var me = fixture.Client(user.UserKey);
        var before = await ReadAsync(me, "/v1/me");

        using var response = await me.PutAsync("/v1/me/profile", new StringContent($"{{\"{field}\": {json}}}", Encoding.UTF8, "application/json"));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal(before, await ReadAsync(me, "/v1/me"));
        using var export = await me.GetAsync("/v1/me/export");
        Assert.Equal(HttpStatusCode.OK, export.StatusCode);
        using var valid = await me.PutAsJsonAsync("/v1/me/profile", new { displayName = "Sam" });
        Assert.Equal(HttpStatusCode.OK, valid.StatusCode);
    }

    [Fact]
    public async Task ValidationProblem_NamesTheRefusedField()
    {
        var user = await fixture.CreateUserAsync();
        using var me = fixture.Client(user.UserKey);

        using var response = await me.PutAsJsonAsync("/v1/me/profile", new { timeZone = "right/UTC", weekStart = "7" });

        var problem = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal("urn:skinprogress:problem:validation", problem.GetProperty("type").GetString());
        Assert.True(problem.GetProperty("errors").TryGetProperty("timeZone", out _));
        Assert.True(problem.GetProperty("errors").TryGetProperty("weekStart", out _));
    }

    private static async Task<string> ReadAsync(HttpClient client, string path)
    {
        using var response = await client.GetAsync(path);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return await response.Content.ReadAsStringAsync();
    }
}
