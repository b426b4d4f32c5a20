using System.Text;
using System.Text.Json;
using CsCheck;
using SkinProgress.Connections.Polar;
using SkinProgress.Connections.Strava;
using SkinProgress.Connections.Withings;
using SkinProgress.Contracts;
using SkinProgress.Events;

namespace SkinProgress.Connections.Tests.Mapping;

/// <summary>Generated provider answers and webhook bodies: mapping never throws and yields only valid events.</summary>
public class MapperPropertyTests
{
    private const long Iterations = 3000;

    private static readonly Gen<string> SportTypes = Gen.OneOf(
        "\"Run\"", "\"Ride\"", "\"VirtualRide\"", "\"WeightTraining\"", "\"Yoga\"", "\"Crossfit\"", "\"Kitesurf\"", "\"\"", "\"Rowing\"");

    private static readonly Gen<string> StravaActivity = HostileJson.Fields(
        ("id", HostileJson.Mostly(Gen.Long[1, long.MaxValue].Select(l => l.ToString(System.Globalization.CultureInfo.InvariantCulture)))),
        ("sport_type", HostileJson.Mostly(SportTypes)),
        ("type", HostileJson.Mostly(SportTypes)),
        ("start_date", HostileJson.Mostly(Gen.DateTime[new DateTime(1995, 1, 1), new DateTime(2030, 1, 1)].Select(d => $"\"{d:yyyy-MM-ddTHH:mm:ss}Z\""))),
        ("utc_offset", HostileJson.Mostly(HostileJson.Number(-50400, 50400))),
        ("moving_time", HostileJson.Mostly(HostileJson.Number(-100, 200_000))),
        ("elapsed_time", HostileJson.Mostly(HostileJson.Number(-100, 200_000))),
        ("distance", HostileJson.Mostly(HostileJson.Number(-10, 2e7))),
        ("calories", HostileJson.Mostly(HostileJson.Number(-10, 50_000))),
        ("kilojoules", HostileJson.Mostly(HostileJson.Number(-10, 50_000))),
        ("average_heartrate", HostileJson.Mostly(HostileJson.Number(-10, 400))),
        ("manual", HostileJson.Mostly(Gen.OneOf("true", "false"))),
        ("trainer", HostileJson.Mostly(Gen.OneOf("true", "false"))));

    private static readonly Gen<string> WithingsMeasure = HostileJson.Fields(
        ("type", HostileJson.Mostly(Gen.OneOf("1", "4", "5", "6", "8", "9", "11", "54", "71", "-1"))),
        ("unit", HostileJson.Mostly(Gen.Int[-20, 20].Select(u => u.ToString(System.Globalization.CultureInfo.InvariantCulture)))),
        ("value", HostileJson.Mostly(Gen.Long[-1000, 10_000_000].Select(v => v.ToString(System.Globalization.CultureInfo.InvariantCulture)))));

    private static readonly Gen<string> WithingsMeasures = HostileJson.Fields(
        ("measuregrps", HostileJson.Mostly(HostileJson.Array(HostileJson.Fields(
            ("grpid", HostileJson.Mostly(Gen.Long[1, long.MaxValue].Select(l => l.ToString(System.Globalization.CultureInfo.InvariantCulture)))),
            ("category", HostileJson.Mostly(Gen.OneOf("1", "2"))),
            ("date", HostileJson.Mostly(HostileJson.Epoch(1995, 2030))),
            ("timezone", HostileJson.Mostly(Gen.OneOf("\"Europe/Paris\"", "\"Nowhere/Else\""))),
            ("measures", HostileJson.Mostly(HostileJson.Array(WithingsMeasure, 6)))), 5))),
        ("more", HostileJson.Value),
        ("offset", HostileJson.Value));

    private static readonly Gen<string> WithingsWorkouts = HostileJson.Fields(
        ("series", HostileJson.Mostly(HostileJson.Array(HostileJson.Fields(
            ("id", HostileJson.Mostly(Gen.Long[1, long.MaxValue].Select(l => l.ToString(System.Globalization.CultureInfo.InvariantCulture)))),
            ("category", HostileJson.Mostly(Gen.OneOf("1", "2", "6", "16", "187", "999"))),
            ("startdate", HostileJson.Mostly(HostileJson.Epoch(1995, 2030))),
            ("enddate", HostileJson.Mostly(HostileJson.Epoch(1995, 2030))),
            ("data", HostileJson.Mostly(HostileJson.Fields(
                ("calories", HostileJson.Mostly(HostileJson.Number(-10, 50_000))),
                ("distance", HostileJson.Mostly(HostileJson.Number(-10, 2e7))),
                ("hr_average", HostileJson.Mostly(HostileJson.Number(-10, 400))),
                ("pause_duration", HostileJson.Mostly(HostileJson.Number(-10, 100_000))))))), 5))));

    private static void AllValid(IEnumerable<HealthEvent> events)
    {
        foreach (var e in events)
        {
            var validation = EventValidator.Validate(e, TestFiles.Now);
            Assert.True(validation.IsValid, $"{e}: {string.Join("; ", validation.Errors.Select(kv => $"{kv.Key}: {string.Join(' ', kv.Value)}"))}");
        }
    }

    [Fact]
    public void StravaActivities_NeverThrow_AndMapOnlyToValidEvents() =>
        HostileJson.Array(StravaActivity, 4).Sample(json =>
        {
            using var document = JsonDocument.Parse(json);
            AllValid(StravaActivityMapper.MapList(document.RootElement, TestFiles.Now));
        }, iter: Iterations);

    [Fact]
    public void WithingsMeasures_NeverThrow_AndMapOnlyToValidEvents() =>
        WithingsMeasures.Sample(json =>
        {
            using var document = JsonDocument.Parse(json);
            AllValid(WithingsMapper.MapMeasures(document.RootElement, TestFiles.Now));
        }, iter: Iterations);

    [Fact]
    public void WithingsWorkouts_NeverThrow_AndMapOnlyToValidEvents() =>
        WithingsWorkouts.Sample(json =>
        {
            using var document = JsonDocument.Parse(json);
            AllValid(WithingsMapper.MapWorkouts(document.RootElement, TestFiles.Now));
        }, iter: Iterations);

    private static readonly Gen<string> PolarExercises = HostileJson.Array(HostileJson.Fields(
        ("id", HostileJson.Mostly(Gen.OneOf("\"aQlC83\"", "\"../x\"", "\"\""))),
        ("start_time", HostileJson.Mostly(Gen.DateTime[new DateTime(1995, 1, 1), new DateTime(2030, 1, 1)].Select(d => $"\"{d:yyyy-MM-ddTHH:mm:ss}\""))),
        ("start_time_utc_offset", HostileJson.Mostly(Gen.Int[-2000, 2000].Select(m => m.ToString(System.Globalization.CultureInfo.InvariantCulture))))), 5);

    [Fact]
    public void PolarExerciseLists_NeverThrow_AndNameOnlyIdsSafeInAPath() =>
        PolarExercises.Sample(json =>
        {
            using var document = JsonDocument.Parse(json);
            var ids = SkinProgress.Connections.Polar.PolarExercises.IdsWithin(document.RootElement, DateTimeOffset.MinValue, DateTimeOffset.MaxValue);
            Assert.All(ids, id => Assert.True(id.Length > 0 && id.All(char.IsAsciiLetterOrDigit), id));
        }, iter: Iterations);

    private static readonly Gen<byte[]> Bodies = Gen.Frequency(
        (3, HostileJson.Fields(
            ("aspect_type", HostileJson.Mostly(Gen.OneOf("\"create\"", "\"update\"", "\"delete\""))),
            ("object_type", HostileJson.Mostly(Gen.OneOf("\"activity\"", "\"athlete\""))),
            ("object_id", HostileJson.Value),
            ("owner_id", HostileJson.Value),
            ("event", HostileJson.Mostly(Gen.OneOf("\"PING\"", "\"EXERCISE\"", "\"SLEEP\""))),
            ("user_id", HostileJson.Value),
            ("entity_id", HostileJson.Value),
            ("updates", HostileJson.Mostly(Gen.OneOf("{\"authorized\":\"false\"}", "{\"authorized\":false}", "{}")))).Select(Encoding.UTF8.GetBytes)),
        (1, Gen.Byte.Array[0, 300]),
        (1, Gen.String.Select(Encoding.UTF8.GetBytes)),
        (1, Gen.Select(Gen.OneOf("userid", "appli", "startdate", "enddate", "x"), HostileJson.Value, (k, v) => $"{k}={Uri.EscapeDataString(v)}")
            .Array[0, 6].Select(kv => Encoding.UTF8.GetBytes(string.Join('&', kv)))));

    [Fact]
    public void WebhookBodies_NeverThrow_AndAreAnsweredWithADocumentedStatus() =>
        Bodies.Sample(body =>
        {
            const string secret = "s";
            var readings = new[]
            {
                StravaWebhook.ReadEvent(body),
                WithingsWebhook.ReadForm(body),
                PolarWebhook.Read(body, PolarWebhook.Sign(body, secret), secret),
                PolarWebhook.Read(body, "00", secret),
            };
            Assert.All(readings, r => Assert.Contains(r.StatusCode, new[] { 200, 400, 401 }));
            Assert.Equal(401, readings[3].StatusCode);
            Assert.All(readings.Where(r => r.StatusCode != 200), r => Assert.Empty(r.Notifications));
        }, iter: Iterations);
}
