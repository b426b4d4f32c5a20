using System.Globalization;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using SkinProgress.Demo;

if (args is not [var api, var adminKey])
{
    Console.Error.WriteLine("usage: SkinProgress.Demo <api-url> <admin-key>");
    return 2;
}

using var http = new HttpClient { BaseAddress = new Uri(api), Timeout = TimeSpan.FromSeconds(30) };
var demo = new DemoClient(http, adminKey);
var today = DateOnly.FromDateTime(DateTime.UtcNow);
// The last completed Monday-to-Sunday week, and five weeks before it.
var lastWeek = today.AddDays(-(((int)today.DayOfWeek + 6) % 7) - 7);

var user = await demo.CreateUserAsync();
var events = DemoData.SixWeeks(lastWeek.AddDays(-35), lastWeek.AddDays(6), new Random(2026));
await demo.SendAsync(user.DeviceKey, events);
await demo.WaitUntilScoredAsync(user.UserKey, lastWeek.AddDays(6));
await demo.RunSummaryAsync(user.Id, lastWeek);

Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"""

  Demo user {user.Email} has {events.Count} events over six weeks; the summary of the week of
  {lastWeek:yyyy-MM-dd} is compiled and sent (open the mail catcher to read it).
    user key     {user.UserKey}
    summary      curl -H "Authorization: Bearer {user.UserKey}" -H "Accept: text/html" {api.TrimEnd('/')}/v1/me/summaries/{lastWeek:yyyy-MM-dd}

"""));
return 0;

namespace SkinProgress.Demo
{
    internal sealed record DemoUser(Guid Id, string Email, string DeviceKey, string UserKey);

    internal sealed class DemoClient(HttpClient http, string adminKey)
    {
        public async Task<DemoUser> CreateUserAsync()
        {
            var email = $"demo-{Guid.NewGuid().ToString("N")[..8]}@skinprogress.localhost";
            var user = await PostAsync(adminKey, "/v1/admin/users", new
            {
                email,
                profile = new
                {
                    displayName = "Alex",
                    heightCm = 165,
                    birthYear = 1980,
                    sex = "female",
                    timeZone = "Europe/London",
                    startWeightKg = 112,
                    goalWeightKg = 80,
                },
            });
            var id = user.GetProperty("id").GetGuid();
            var device = await PostAsync(adminKey, $"/v1/admin/users/{id}/devices", new { name = "Forerunner", source = "garmin" });
            var key = await PostAsync(adminKey, $"/v1/admin/users/{id}/keys", new { });
            return new DemoUser(id, email, device.GetProperty("key").GetString()!, key.GetProperty("key").GetString()!);
        }

        public async Task SendAsync(string deviceKey, IReadOnlyList<object> events)
        {
            foreach (var batch in events.Chunk(500))
            {
                await PostAsync(deviceKey, "/v1/events", new { events = batch });
            }
        }

        public async Task WaitUntilScoredAsync(string userKey, DateOnly lastDay)
        {
            var day = lastDay.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
            for (var attempt = 0; attempt < 120; attempt++)
            {
                using var request = new HttpRequestMessage(HttpMethod.Get, $"/v1/me/days?from={day}&to={day}");
                request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", userKey);
                using var response = await http.SendAsync(request);
                var body = await response.Content.ReadFromJsonAsync<JsonElement>();
                if (body.GetProperty("days").GetArrayLength() > 0)
                {
                    return;
                }

                await Task.Delay(500);
            }

            throw new TimeoutException("The Worker did not score the demo events within a minute.");
        }

        public Task RunSummaryAsync(Guid userId, DateOnly weekStart) =>
            PostAsync(adminKey, "/v1/admin/summaries/run", new { userId, weekStart });

        private async Task<JsonElement> PostAsync(string key, string path, object body)
        {
            using var request = new HttpRequestMessage(HttpMethod.Post, path) { Content = JsonContent.Create(body) };
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", key);
            using var response = await http.SendAsync(request);
            var text = await response.Content.ReadAsStringAsync();
            if (!response.IsSuccessStatusCode)
            {
                throw new HttpRequestException($"POST {path} answered {(int)response.StatusCode}: {text}");
            }

            return JsonDocument.Parse(text).RootElement.Clone();
        }
    }

    /// <summary>A person losing weight steadily: runs, some strength sessions, meals, water, weigh-ins, one skin check.</summary>
    internal static class DemoData
    {
        public static List<object> SixWeeks(DateOnly from, DateOnly to, Random random)
        {
            var events = new List<object>();
            var days = to.DayNumber - from.DayNumber + 1;
            for (var i = 0; i < days; i++)
            {
                var date = from.AddDays(i);
                string At(int hour, int minute) => date.ToDateTime(new TimeOnly(hour, minute)).ToString("yyyy-MM-dd'T'HH:mm:ss'+00:00'", CultureInfo.InvariantCulture);
                var d = date.ToString("yyyyMMdd", CultureInfo.InvariantCulture);

                events.Add(new { id = $"breakfast-{d}", type = "meal", occurredAt = At(8, 0), proteinGrams = 20 + random.Next(10), energyKcal = 380, name = "Greek yoghurt and oats" });
                events.Add(new { id = $"lunch-{d}", type = "meal", occurredAt = At(12, 45), proteinGrams = 30 + random.Next(12), energyKcal = 520 });
                events.Add(new { id = $"dinner-{d}", type = "meal", occurredAt = At(19, 0), proteinGrams = 35 + random.Next(15), energyKcal = 610 });
                for (var glass = 0; glass < 3 + random.Next(3); glass++)
                {
                    events.Add(new { id = $"water-{d}-{glass}", type = "hydration", occurredAt = At(9 + glass * 3, 0), volumeMl = 400 });
                }

                if (date.DayOfWeek is DayOfWeek.Tuesday or DayOfWeek.Thursday or DayOfWeek.Saturday)
                {
                    events.Add(new { id = $"run-{d}", type = "workout", occurredAt = At(7, 0), activity = "running", durationMinutes = 28 + random.Next(15), distanceKm = 4.5 + random.NextDouble() * 2, avgHeartRate = 148 });
                }

                if (date.DayOfWeek == DayOfWeek.Monday || (date.DayOfWeek == DayOfWeek.Wednesday && i > 14))
                {
                    events.Add(new { id = $"gym-{d}", type = "workout", occurredAt = At(18, 0), activity = "strength_training", durationMinutes = 45 });
                }

                if (i % 3 == 0)
                {
                    events.Add(new { id = $"weight-{d}", type = "weight", occurredAt = At(6, 45), weightKg = Math.Round(112 - i * 0.17 + random.NextDouble() * 0.6, 1) });
                }
            }

            var check = to.AddDays(-1).ToDateTime(new TimeOnly(21, 0)).ToString("yyyy-MM-dd'T'HH:mm:ss'+00:00'", CultureInfo.InvariantCulture);
            events.Add(new { id = "skin-check-1", type = "skin_check", occurredAt = check, regions = new { abdomen = 2, arms = 1 }, symptoms = Array.Empty<string>() });
            return events;
        }
    }
}
