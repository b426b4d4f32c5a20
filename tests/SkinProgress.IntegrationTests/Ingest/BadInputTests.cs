using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using static SkinProgress.IntegrationTests.Pipeline;

namespace SkinProgress.IntegrationTests.Ingest;

[Collection(RealServices.Name)]
public sealed class BadInputTests(SkinProgressFixture fixture)
{
    public static TheoryData<string, string, HttpStatusCode, string> Envelopes => new()
    {
        { "malformed JSON", "{\"events\": [", HttpStatusCode.BadRequest, "malformed-body" },
        { "not an object", "[1,2,3]", HttpStatusCode.BadRequest, "malformed-body" },
        { "missing events", "{\"items\": []}", HttpStatusCode.BadRequest, "malformed-body" },
        { "events not an array", "{\"events\": {}}", HttpStatusCode.BadRequest, "malformed-body" },
        { "no events", "{\"events\": []}", HttpStatusCode.BadRequest, "validation" },
        { "1001 events", ManyEvents(1001), HttpStatusCode.RequestEntityTooLarge, "too-large" },
        { "2 MiB body", "{\"events\": [], \"padding\": \"" + new string('x', 2 * 1024 * 1024) + "\"}", HttpStatusCode.RequestEntityTooLarge, "too-large" },
    };

    [Theory]
    [MemberData(nameof(Envelopes))]
    public async Task BadEnvelope_GetsProblemDocument(string because, string body, HttpStatusCode status, string type)
    {
        var user = await fixture.CreateUserAsync();
        using var device = fixture.Client(user.DeviceKey);
        using var response = await device.PostAsync("/v1/events", new StringContent(body, Encoding.UTF8, "application/json"));
        await AssertProblemAsync(response, status, type, because);
        await AssertNothingStoredAsync(user);
    }

    [Fact]
    public async Task WrongContentType_Gets415()
    {
        var user = await fixture.CreateUserAsync();
        using var device = fixture.Client(user.DeviceKey);
        using var response = await device.PostAsync("/v1/events",
            new StringContent("{\"events\":[{\"id\":\"a\",\"type\":\"hydration\",\"occurredAt\":\"2026-03-02T10:00:00Z\",\"volumeMl\":100}]}", Encoding.UTF8, "text/plain"));
        await AssertProblemAsync(response, HttpStatusCode.UnsupportedMediaType, "unsupported-media-type", "text/plain");
        await AssertNothingStoredAsync(user);
    }

    public static TheoryData<string, string, string> BadEvents => new()
    {
        { "time without offset", """{"id":"e","type":"hydration","occurredAt":"2026-03-02T10:00:00","volumeMl":100}""", "occurredAt" },
        { "far-future time", """{"id":"e","type":"hydration","occurredAt":"2099-01-01T10:00:00Z","volumeMl":100}""", "occurredAt" },
        { "before 2000", """{"id":"e","type":"hydration","occurredAt":"1999-12-31T10:00:00Z","volumeMl":100}""", "occurredAt" },
        { "negative volume", """{"id":"e","type":"hydration","occurredAt":"2026-03-02T10:00:00Z","volumeMl":-5}""", "volumeMl" },
        { "absurd weight", """{"id":"e","type":"weight","occurredAt":"2026-03-02T10:00:00Z","weightKg":4000}""", "weightKg" },
        { "absurd duration", """{"id":"e","type":"workout","occurredAt":"2026-03-02T10:00:00Z","activity":"running","durationMinutes":100000}""", "durationMinutes" },
        { "negative protein", """{"id":"e","type":"meal","occurredAt":"2026-03-02T10:00:00Z","proteinGrams":-1}""", "proteinGrams" },
        { "unknown type", """{"id":"e","type":"sleep","occurredAt":"2026-03-02T10:00:00Z"}""", "type" },
        { "unknown activity", """{"id":"e","type":"workout","occurredAt":"2026-03-02T10:00:00Z","activity":"jetski","durationMinutes":10}""", "activity" },
        { "missing id", """{"type":"hydration","occurredAt":"2026-03-02T10:00:00Z","volumeMl":100}""", "id" },
        { "string number", """{"id":"e","type":"hydration","occurredAt":"2026-03-02T10:00:00Z","volumeMl":"100"}""", "volumeMl" },
        { "unknown skin region", """{"id":"e","type":"skin_check","occurredAt":"2026-03-02T10:00:00Z","regions":{"elbow":2}}""", "regions.elbow" },
        { "NUL in the id", """{"id":"e\u0000","type":"hydration","occurredAt":"2026-03-02T10:00:00Z","volumeMl":100}""", "id" },
        { "NUL in a meal name", """{"id":"e","type":"meal","occurredAt":"2026-03-02T10:00:00Z","proteinGrams":20,"name":"a\u0000b"}""", "name" },
        { "RFC 1123 time", """{"id":"e","type":"hydration","occurredAt":"Mon, 30 Nov 2026 10:00:00 +00:00","volumeMl":100}""", "occurredAt" },
    };

    [Theory]
    [InlineData("a lone high surrogate escape", "\\ud800")]
    [InlineData("a lone low surrogate escape", "x\\udc00")]
    [InlineData("a raw 0xFF byte", "\xff")]
    [InlineData("a truncated UTF-8 sequence", "\xe2\x82")]
    public async Task StringThatIsNotUnicode_GetsTheEnvelopes400(string because, string inside)
    {
        var user = await fixture.CreateUserAsync();
        using var device = fixture.Client(user.DeviceKey);
        var bytes = Encoding.Latin1.GetBytes(
            $$"""{"events":[{"id":"ok","type":"hydration","occurredAt":"2026-03-02T10:00:00Z","volumeMl":100},{"id":"a{{inside}}","type":"hydration","occurredAt":"2026-03-02T10:00:00Z","volumeMl":100}]}""");
        using var content = new ByteArrayContent(bytes);
        content.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue("application/json");

        using var response = await device.PostAsync("/v1/events", content);

        await AssertProblemAsync(response, HttpStatusCode.BadRequest, "malformed-body", because);
        await AssertNothingStoredAsync(user);
    }

    [Theory]
    [InlineData("id", """{"id":"meal\u0000one","type":"meal","occurredAt":"2026-03-02T12:00:00Z","proteinGrams":30}""")]
    [InlineData("name", """{"id":"meal-1","type":"meal","occurredAt":"2026-03-02T12:00:00Z","proteinGrams":30,"name":"lunch\u0000"}""")]
    public async Task BatchWithANulEvent_AcceptsOnlyTheValidOne_AndCountsIt(string field, string bad)
    {
        var user = await fixture.CreateUserAsync();
        using var device = fixture.Client(user.DeviceKey);
        using var me = fixture.Client(user.UserKey);
        var body = $$"""{"events":[{"id":"water-1","type":"hydration","occurredAt":"2026-03-02T10:00:00Z","volumeMl":300},{{bad}}]}""";

        using var response = await device.PostAsync("/v1/events", new StringContent(body, Encoding.UTF8, "application/json"));

        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        var answer = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal(1, answer.GetProperty("accepted").GetInt32());
        Assert.Equal(1, answer.GetProperty("rejected").GetInt32());
        Assert.True(answer.GetProperty("results")[1].GetProperty("errors").TryGetProperty(field, out _));
        var day = await me.DayWithEventsAsync("2026-03-02", 1);
        Assert.Equal(300, day.Number("fluidsMl"));
    }

    [Theory]
    [MemberData(nameof(BadEvents))]
    public async Task BatchWithOnlyAnInvalidEvent_Gets400WithTheFieldInErrors(string because, string evt, string field)
    {
        var user = await fixture.CreateUserAsync();
        using var device = fixture.Client(user.DeviceKey);
        using var response = await device.PostAsync("/v1/events", new StringContent($"{{\"events\":[{evt}]}}", Encoding.UTF8, "application/json"));
        var problem = await AssertProblemAsync(response, HttpStatusCode.BadRequest, "validation", because);
        Assert.True(problem.GetProperty("errors").TryGetProperty($"events[0].{field}", out _), $"{because}: errors should name events[0].{field}: {problem}");
        await AssertNothingStoredAsync(user);
    }

    [Fact]
    public async Task MixedBatch_AcceptsTheValidEvents_AndStoresNothingFromTheRejectedOne()
    {
        var user = await fixture.CreateUserAsync();
        using var device = fixture.Client(user.DeviceKey);
        using var me = fixture.Client(user.UserKey);
        using var response = await device.PostEventsAsync(
            Water("good", "2026-03-02T10:00:00Z", 300),
            new { id = "bad", type = "hydration", occurredAt = "2026-03-02T10:00:00Z", volumeMl = 999999 },
            Water("good", "2026-03-02T11:00:00Z", 300),
            Meal("good-meal", "2026-03-02T12:00:00Z", 20));

        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        var body = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal(2, body.GetProperty("accepted").GetInt32());
        Assert.Equal(1, body.GetProperty("duplicates").GetInt32());
        Assert.Equal(1, body.GetProperty("rejected").GetInt32());
        var statuses = body.GetProperty("results").EnumerateArray().Select(r => r.GetProperty("status").GetString()).ToArray();
        Assert.Equal(new string?[] { "accepted", "rejected", "duplicate", "accepted" }, statuses);
        Assert.True(body.GetProperty("results")[1].GetProperty("errors").TryGetProperty("volumeMl", out _));

        var day = await me.DayWithEventsAsync("2026-03-02", 2);
        Assert.Equal(300, day.Number("fluidsMl"));
        var ids = await fixture.WithDbAsync(db => db.RawEvents.Where(e => e.UserId == user.Id).Select(e => e.ExternalId).OrderBy(i => i).ToListAsync());
        Assert.Equal(new[] { "good", "good-meal" }, ids);
    }

    [Fact]
    public async Task DaysQuery_RejectsRangesOver366Days()
    {
        var user = await fixture.CreateUserAsync();
        using var me = fixture.Client(user.UserKey);
        using var response = await me.GetAsync("/v1/me/days?from=2025-01-01&to=2026-01-02");
        await AssertProblemAsync(response, HttpStatusCode.BadRequest, "validation", "367 days");
    }

    [Fact]
    public async Task ProfileWithUnknownTimeZone_Gets400()
    {
        var user = await fixture.CreateUserAsync();
        using var me = fixture.Client(user.UserKey);
        using var response = await me.PutAsJsonAsync("/v1/me/profile", new { timeZone = "Mars/Olympus_Mons" });
        var problem = await AssertProblemAsync(response, HttpStatusCode.BadRequest, "validation", "unknown zone");
        Assert.True(problem.GetProperty("errors").TryGetProperty("timeZone", out _));
    }

    private static string ManyEvents(int count) =>
        JsonSerializer.Serialize(new
        {
            events = Enumerable.Range(0, count).Select(i => new { id = $"e{i}", type = "hydration", occurredAt = "2026-03-02T10:00:00Z", volumeMl = 10 }),
        });

    private async Task AssertNothingStoredAsync(TestUser user)
    {
        // A valid marker sent afterwards is scored; had anything of the bad request been published, it would be there too.
        using var device = fixture.Client(user.DeviceKey);
        using var me = fixture.Client(user.UserKey);
        await device.PostEventsAsync(Water("marker", "2026-04-01T10:00:00Z", 1));
        await me.DayWithEventsAsync("2026-04-01", 1);
        var ids = await fixture.WithDbAsync(db => db.RawEvents.Where(e => e.UserId == user.Id).Select(e => e.ExternalId).ToListAsync());
        Assert.Equal(new[] { "marker" }, ids);
    }

    private static async Task<JsonElement> AssertProblemAsync(HttpResponseMessage response, HttpStatusCode status, string type, string because)
    {
        Assert.True(status == response.StatusCode, $"{because}: expected {status}, got {response.StatusCode}");
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal($"urn:skinprogress:problem:{type}", problem.GetProperty("type").GetString());
        return problem;
    }
}
