using System.Net.Http.Json;
using System.Text.Json;

namespace SkinProgress.IntegrationTests;

/// <summary>Client-side helpers that go through the public HTTP API only.</summary>
public static class Pipeline
{
    public static object Workout(string id, string occurredAt, double minutes, string activity = "running", string? intensity = null) =>
        new { id, type = "workout", occurredAt, activity, durationMinutes = minutes, intensity };

    public static object Meal(string id, string occurredAt, double protein) => new { id, type = "meal", occurredAt, proteinGrams = protein };

    public static object Water(string id, string occurredAt, double ml) => new { id, type = "hydration", occurredAt, volumeMl = ml };

    public static Task<HttpResponseMessage> PostEventsAsync(this HttpClient client, params object[] events) =>
        client.PostAsJsonAsync("/v1/events", new { events });

    public static async Task<JsonElement?> GetDayAsync(this HttpClient userClient, string date)
    {
        var response = await userClient.GetAsync($"/v1/me/days?from={date}&to={date}");
        response.EnsureSuccessStatusCode();
        var body = await response.Content.ReadFromJsonAsync<JsonElement>();
        var days = body.GetProperty("days");
        return days.GetArrayLength() == 0 ? null : days[0];
    }

    /// <summary>The day's totals once the Worker has scored at least <paramref name="events"/> events on it.</summary>
    public static async Task<JsonElement?> DayWithEventsAsync(this HttpClient userClient, string date, int events)
    {
        var day = await SkinProgressFixture.EventuallyAsync(() => userClient.GetDayAsync(date), d => d is { } found && found.GetProperty("eventCount").GetInt32() >= events);
        Assert.True(day is { } scored && scored.GetProperty("eventCount").GetInt32() >= events, $"{date} was not scored with {events} events in time: {day}");
        return day;
    }

    public static double Number(this JsonElement? day, string property) => day!.Value.GetProperty(property).GetDouble();
}
