using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;

namespace SkinProgress.IntegrationTests.Admin;

[Collection(RealServices.Name)]
public sealed class CreateUserTests(SkinProgressFixture fixture)
{
    private static readonly object Profile = new { timeZone = "Europe/London", heightCm = 170, birthYear = 1985 };

    /// <summary>Each with {0} for a local part no other test uses, to look for in the database afterwards.</summary>
    public static TheoryData<string> NotOneMailbox => new()
    {
        "{0}@example.org, y@example.org",
        "Evil <{0}@example.org>, y@example.org",
        "friends: {0}@example.org, y@example.org;",
        "{0}@example.org\r\nBcc: y@example.org",
        "{0}\0@example.org",
        "{0}\u200b@example.org",
        "{0}@localhost",
        "{0}@[192.0.2.1]",
        "<@relay.example.org:{0}@example.org>",
        "{0}" + new string('a', 40) + "@example.org",
        "{0}@" + string.Join('.', Enumerable.Repeat(new string('a', 60), 4)) + ".org",
    };

    [Theory]
    [MemberData(nameof(NotOneMailbox))]
    public async Task AnythingButOneMailbox_Gets400WithTheEmailError_AndNothingIsStored(string template)
    {
        var local = $"u{Guid.NewGuid():N}";
        using var admin = fixture.Admin();
        using var response = await admin.PostAsJsonAsync("/v1/admin/users", new { email = string.Format(System.Globalization.CultureInfo.InvariantCulture, template, local), profile = Profile });

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal("urn:skinprogress:problem:validation", problem.GetProperty("type").GetString());
        var errors = problem.GetProperty("errors");
        Assert.False(string.IsNullOrWhiteSpace(errors.GetProperty("email")[0].GetString()));
        Assert.Single(errors.EnumerateObject());
        Assert.False(await fixture.WithDbAsync(db => db.Users.AnyAsync(u => u.Email.Contains(local))));
    }

    [Fact]
    public async Task ADisplayNameAndUpperCaseDomain_AreStoredAsTheBareAddressWithALowerCaseDomain()
    {
        var local = $"Sam.{Guid.NewGuid():N}";
        using var admin = fixture.Admin();
        using var response = await admin.PostAsJsonAsync("/v1/admin/users", new { email = $"Sam <{local}@Example.ORG>", profile = Profile });

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var created = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal($"{local}@example.org", created.GetProperty("email").GetString());
        var id = created.GetProperty("id").GetGuid();
        Assert.Equal($"{local}@example.org", await fixture.WithDbAsync(db => db.Users.Where(u => u.Id == id).Select(u => u.Email).SingleAsync()));
    }

    [Fact]
    public async Task TheSameMailboxWrittenAnotherWay_Gets409()
    {
        var local = $"u{Guid.NewGuid():N}";
        using var admin = fixture.Admin();
        using (var first = await admin.PostAsJsonAsync("/v1/admin/users", new { email = $"{local}@bücher.de", profile = Profile }))
        {
            Assert.Equal(HttpStatusCode.Created, first.StatusCode);
        }

        using var second = await admin.PostAsJsonAsync("/v1/admin/users", new { email = $"Sam <{local}@XN--BCHER-KVA.DE>", profile = Profile });
        Assert.Equal(HttpStatusCode.Conflict, second.StatusCode);
    }
}
