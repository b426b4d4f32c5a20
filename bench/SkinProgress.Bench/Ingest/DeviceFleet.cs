using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;

namespace SkinProgress.Bench.Ingest;

public sealed record BenchDevice(Guid UserId, string Key);

/// <summary>
/// Users and their device keys, created through the admin API like an operator would. Users live in UTC so the
/// client can compute each event's local day (and so the expected totals) without the server's help.
/// </summary>
public static class DeviceFleet
{
    /// <summary>
    /// The sources of a user with several: an original recording, an aggregator and a phone's mirror, so every merge
    /// rule picks by priority rather than by a tie.
    /// </summary>
    private static readonly string[] MultiSources = ["polar", "strava", "apple_health"];

    public static int MaxSources => MultiSources.Length;

    /// <summary>
    /// <paramref name="sources"/> devices per user, user u's in [u × sources, (u + 1) × sources): one "garmin" device
    /// when 1, else that many of <see cref="MultiSources"/>.
    /// </summary>
    public static async Task<IReadOnlyList<BenchDevice>> CreateAsync(HttpClient http, string adminKey, int users, string tag, CancellationToken ct,
        int sources = 1)
    {
        var devices = new BenchDevice[users * sources];
        var run = Guid.NewGuid().ToString("N")[..8];
        await Parallel.ForAsync(0, users, new ParallelOptions { MaxDegreeOfParallelism = 8, CancellationToken = ct }, async (i, token) =>
        {
            var user = await PostAsync(http, adminKey, "/v1/admin/users", new
            {
                email = $"{tag}-{run}-{i}@bench.example.org",
                profile = new { timeZone = "UTC", heightCm = 170, birthYear = 1985, sex = "female", startWeightKg = 110 },
            }, token);
            var userId = user.GetProperty("id").GetGuid();
            for (var s = 0; s < sources; s++)
            {
                var source = sources == 1 ? "garmin" : MultiSources[s];
                var device = await PostAsync(http, adminKey, $"/v1/admin/users/{userId}/devices", new { name = $"bench-{source}", source }, token);
                devices[i * sources + s] = new BenchDevice(userId, device.GetProperty("key").GetString()!);
            }
        });
        return devices;
    }

    private static async Task<JsonElement> PostAsync(HttpClient http, string adminKey, string path, object body, CancellationToken ct)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, path) { Content = JsonContent.Create(body) };
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", adminKey);
        using var response = await http.SendAsync(request, ct);
        if (!response.IsSuccessStatusCode)
        {
            throw new InvalidOperationException($"{path} answered {(int)response.StatusCode}: {await response.Content.ReadAsStringAsync(ct)}");
        }

        return await response.Content.ReadFromJsonAsync<JsonElement>(ct);
    }
}
