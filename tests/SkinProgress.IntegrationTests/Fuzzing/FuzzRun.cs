using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using SkinProgress.Contracts;
using SkinProgress.Events;

namespace SkinProgress.IntegrationTests.Fuzzing;

/// <summary>
/// Sends generated requests as the run's users, devices and admin, checks what each answer promises, and keeps a
/// ledger of every event a 202 accepted so the end of the run can check each one was counted.
/// </summary>
public sealed class FuzzRun(SkinProgressFixture fixture) : IAsyncDisposable
{
    private const int Users = 8;
    private const int DevicesPerUser = RequestGenerators.Slots / Users;

    private readonly List<RunUser> _users = [];
    private readonly HttpClient _admin = fixture.Admin();
    private readonly HttpClient _anonymous = fixture.Client();
    private readonly Dictionary<(Guid User, string Source, string Id), HashSet<string>> _accepted = [];
    private readonly SortedDictionary<string, int> _answers = new(StringComparer.Ordinal);

    public int Sent { get; private set; }

    public static async Task<FuzzRun> StartAsync(SkinProgressFixture fixture)
    {
        var run = new FuzzRun(fixture);
        string[] sources = ["garmin", "polar", "withings", "strava"];
        for (var u = 0; u < Users; u++)
        {
            var user = await fixture.CreateUserAsync(source: sources[0]);
            var devices = new List<(HttpClient Client, string Source)> { (fixture.Client(user.DeviceKey), sources[0]) };
            // A source each: events are stored per (user, source, id), so the ledger knows which device a stored event came from.
            foreach (var source in sources[1..])
            {
                var created = await (await run._admin.PostAsJsonAsync($"/v1/admin/users/{user.Id}/devices", new { name = "fuzz", source }))
                    .EnsureSuccessStatusCode().Content.ReadFromJsonAsync<JsonElement>();
                devices.Add((fixture.Client(created.GetProperty("key").GetString()), source));
            }

            var token = await fixture.WithDbAsync(db => db.Users.Where(x => x.Id == user.Id).Select(x => x.UnsubscribeToken).SingleAsync());
            run._users.Add(new RunUser(user, fixture.Client(user.UserKey), devices, token));
        }

        return run;
    }

    public async Task SendAsync(FuzzRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        var user = _users[request.Slot % Users];
        // The last device of each user takes the file imports, whose ids come from the file, so JSON devices stay exact.
        var device = request.Route == "POST /v1/imports" ? user.Devices[^1] : user.Devices[request.Slot / Users % (DevicesPerUser)];
        TestUser? throwaway = request.Caller == Caller.Throwaway ? await fixture.CreateUserAsync() : null;
        using var throwawayClient = throwaway is null ? null : fixture.Client(throwaway.UserKey);
        var client = request.Caller switch
        {
            Caller.Admin => _admin,
            Caller.Device => device.Client,
            Caller.User => user.Client,
            Caller.Throwaway => throwawayClient!,
            _ => _anonymous,
        };

        using var message = new HttpRequestMessage(new HttpMethod(request.Method), Fill(request.Path, user));
        if (request.Body is not null)
        {
            message.Content = new ByteArrayContent(Fill(request.Body, user));
            message.Content.Headers.ContentType = MediaTypeHeaderValue.Parse(request.ContentType!);
        }

        var profileBefore = request.Route == "PUT /v1/me/profile" ? await ReadAsync(user.Client, "/v1/me") : null;
        var creatingUser = request.Route == "POST /v1/admin/users";
        var usersBefore = creatingUser ? await UserCountAsync() : 0;
        using var response = await client.SendAsync(message);
        var status = (int)response.StatusCode;
        var body = await response.Content.ReadAsStringAsync();
        Sent++;
        var answer = $"{request.Route} → {status}";
        _answers[answer] = _answers.GetValueOrDefault(answer) + 1;

        if (status >= 500)
        {
            throw new InvalidOperationException($"{status} for a client's request: {body}");
        }

        if (status >= 400 && response.Content.Headers.ContentType?.MediaType != "application/problem+json")
        {
            throw new InvalidOperationException($"{status} without a problem document ({response.Content.Headers.ContentType}): {body}");
        }

        if (request.Route == "POST /v1/events" && status == (int)HttpStatusCode.Accepted)
        {
            Record(user.User.Id, device.Source, request.Body!, body);
        }

        if (profileBefore is not null && status >= 400 && await ReadAsync(user.Client, "/v1/me") is var after && after != profileBefore)
        {
            throw new InvalidOperationException($"A refused profile update ({status}) changed the profile: {profileBefore} → {after}");
        }

        if (creatingUser && status >= 400 && await UserCountAsync() is var usersAfter && usersAfter != usersBefore)
        {
            throw new InvalidOperationException($"A refused user creation ({status}) changed the number of users: {usersBefore} → {usersAfter}.");
        }

        if (throwaway is not null && status != (int)HttpStatusCode.NoContent)
        {
            throw new InvalidOperationException($"Erasing a user answered {status}: {body}");
        }
    }

    /// <summary>Every event a 202 accepted is stored in one of its accepted versions, nothing else is, and the days count them all.</summary>
    public async Task AssertAcceptedEventsCountedAsync()
    {
        foreach (var user in _users)
        {
            var expected = _accepted.Where(a => a.Key.User == user.User.Id).ToDictionary(a => (a.Key.Source, a.Key.Id), a => a.Value);
            var sources = user.Devices.SkipLast(1).Select(d => d.Source).ToHashSet();
            var (stored, dayEvents, allEvents) = await SkinProgressFixture.EventuallyAsync(() => StoredAsync(user, sources),
                s => s.Events.Count == expected.Count && s.Events.All(e => expected.TryGetValue(e.Key, out var versions) && versions.Contains(e.Value))
                    && s.DayEvents == s.AllEvents,
                TimeSpan.FromMinutes(2));

            var missing = expected.Keys.Except(stored.Keys).ToList();
            var unexpected = stored.Keys.Except(expected.Keys).ToList();
            var changed = stored.Where(s => expected.TryGetValue(s.Key, out var v) && !v.Contains(s.Value)).Select(s => $"{s.Key}: {s.Value}").ToList();
            Assert.True(missing.Count == 0 && unexpected.Count == 0 && changed.Count == 0,
                $"user {user.User.Id}: accepted but not stored: {string.Join(", ", missing.Take(5))}; stored but never accepted: {string.Join(", ", unexpected.Take(5))}; stored in a version never accepted: {string.Join(" | ", changed.Take(3))}");
            Assert.True(dayEvents == allEvents, $"user {user.User.Id}: the days count {dayEvents} events, {allEvents} are stored");
        }
    }

    /// <summary>Whatever was sent, every user of the run can still read their profile and their export.</summary>
    public async Task AssertUsersReadableAsync()
    {
        foreach (var user in _users)
        {
            await ReadAsync(user.Client, "/v1/me");
            await ReadAsync(user.Client, "/v1/me/export");
        }
    }

    public int AcceptedEvents => _accepted.Count;

    /// <summary>Puts the run's ids where the generator left a placeholder: its own user's, or one nobody has.</summary>
    private static string Fill(string text, RunUser user) => text
        .Replace("{user}", user.User.Id.ToString(), StringComparison.Ordinal)
        .Replace("{unknown}", Guid.NewGuid().ToString(), StringComparison.Ordinal)
        .Replace("{token}", user.UnsubscribeToken, StringComparison.Ordinal);

    /// <summary>The user's id in a body, byte for byte: the rest of a mutated body may not be text at all.</summary>
    private static byte[] Fill(byte[] body, RunUser user)
    {
        var result = new List<byte>(body.Length);
        var span = body.AsSpan();
        var marker = "{user}"u8;
        var id = Encoding.UTF8.GetBytes(user.User.Id.ToString());
        int at;
        while ((at = span.IndexOf(marker)) >= 0)
        {
            result.AddRange(span[..at]);
            result.AddRange(id);
            span = span[(at + marker.Length)..];
        }

        result.AddRange(span);
        return [.. result];
    }

    public string Summary => string.Join(Environment.NewLine, _answers.Select(a => $"{a.Value,6}  {a.Key}"));

    public async ValueTask DisposeAsync()
    {
        _admin.Dispose();
        _anonymous.Dispose();
        foreach (var user in _users)
        {
            user.Client.Dispose();
            user.Devices.ForEach(d => d.Client.Dispose());
        }

        await Task.CompletedTask;
    }

    private void Record(Guid userId, string source, byte[] requestBody, string responseBody)
    {
        // The same bytes, read by the same validator: exactly the events the Api accepted, in the versions it accepted.
        using var request = JsonDocument.Parse(requestBody.AsMemory());
        using var response = JsonDocument.Parse(responseBody);
        var events = request.RootElement.GetProperty("events").EnumerateArray().ToList();
        var results = response.RootElement.GetProperty("results").EnumerateArray().ToList();
        for (var i = 0; i < results.Count; i++)
        {
            if (results[i].GetProperty("status").GetString() != "accepted")
            {
                continue;
            }

            var validation = EventValidator.Validate(events[i], DateTimeOffset.UtcNow);
            Assert.True(validation.IsValid, $"The Api accepted an event this validator refuses: {events[i]}");
            var key = (userId, source, validation.Id!);
            if (!_accepted.TryGetValue(key, out var versions))
            {
                _accepted[key] = versions = [];
            }

            versions.Add(Normal(validation.Event!));
        }
    }

    private static string Normal(HealthEvent e) => JsonSerializer.Serialize(e, JsonSerializerOptions.Web);

    private static async Task<(Dictionary<(string Source, string Id), string> Events, int DayEvents, int AllEvents)> StoredAsync(RunUser user, HashSet<string> sources)
    {
        var export = JsonDocument.Parse(await ReadAsync(user.Client, "/v1/me/export")).RootElement;
        var events = export.GetProperty("events").EnumerateArray().ToList();
        var mine = events.Where(e => sources.Contains(e.GetProperty("source").GetString()!))
            .ToDictionary(e => (e.GetProperty("source").GetString()!, e.GetProperty("id").GetString()!),
                e => Normal(e.GetProperty("data").Deserialize<HealthEvent>(JsonSerializerOptions.Web)!));
        var dayEvents = export.GetProperty("days").EnumerateArray().Sum(d => d.GetProperty("eventCount").GetInt32());
        return (mine, dayEvents, events.Count);
    }

    private static async Task<string> ReadAsync(HttpClient client, string path)
    {
        using var response = await client.GetAsync(path);
        var body = await response.Content.ReadAsStringAsync();
        if (response.StatusCode != HttpStatusCode.OK)
        {
            throw new InvalidOperationException($"GET {path} answered {(int)response.StatusCode}: {body}");
        }

        return body;
    }

    /// <summary>
    /// Read from the database: no admin route lists users. Requests go one at a time and nothing else creates users,
    /// so any change across a refused request is that request's doing.
    /// </summary>
    private Task<int> UserCountAsync() => fixture.WithDbAsync(db => db.Users.CountAsync());

    private sealed record RunUser(TestUser User, HttpClient Client, List<(HttpClient Client, string Source)> Devices, string UnsubscribeToken);
}
