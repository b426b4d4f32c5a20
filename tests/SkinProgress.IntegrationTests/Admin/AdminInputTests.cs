using System.Net;
using System.Net.Http.Json;
using System.Text;
using Microsoft.EntityFrameworkCore;

namespace SkinProgress.IntegrationTests.Admin;

/// <summary>What an admin sends is held to the same rules as what users send: refused input stores nothing.</summary>
[Collection(RealServices.Name)]
public sealed class AdminInputTests(SkinProgressFixture fixture)
{
    [Theory]
    [InlineData("\"heightCm\":\"NaN\",\"birthYear\":1985")]
    [InlineData("\"heightCm\":170,\"birthYear\":1985,\"startWeightKg\":\"NaN\"")]
    [InlineData("\"heightCm\":170,\"birthYear\":1985,\"displayName\":\"a\\u0000\"")]
    [InlineData("\"heightCm\":170,\"birthYear\":1985,\"timeZone\":\"Factory\"")]
    [InlineData("\"heightCm\":170,\"birthYear\":1985,\"weekStart\":\"7\"")]
    public async Task CreateUser_WithARefusedProfile_Gets400_AndCreatesNobody(string profile)
    {
        var email = $"u{Guid.NewGuid():N}@example.org";
        using var admin = fixture.Admin();

        using var response = await admin.PostAsync("/v1/admin/users",
            new StringContent($"{{\"email\":\"{email}\",\"profile\":{{{profile}}}}}", Encoding.UTF8, "application/json"));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal(0, await fixture.WithDbAsync(db => db.Users.CountAsync(u => u.Email == email)));
    }

    [Theory]
    [InlineData("watch\u0000")]
    [InlineData("watch\r\nX-Injected: 1")]
    public async Task CreateDevice_WithControlCharactersInItsName_Gets400(string name)
    {
        var user = await fixture.CreateUserAsync();
        using var admin = fixture.Admin();

        using var response = await admin.PostAsJsonAsync($"/v1/admin/users/{user.Id}/devices", new { name, source = "garmin" });

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal(1, await fixture.WithDbAsync(db => db.Devices.CountAsync(d => d.UserId == user.Id)));
    }

    [Theory]
    [InlineData("0001-01-01")]
    [InlineData("1999-12-27")]
    [InlineData("2999-01-01")]
    public async Task SummaryRun_ForAWeekOutsideTheDataRange_Gets400(string weekStart)
    {
        using var admin = fixture.Admin();

        using var response = await admin.PostAsJsonAsync("/v1/admin/summaries/run", new { weekStart });

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
    }
}
