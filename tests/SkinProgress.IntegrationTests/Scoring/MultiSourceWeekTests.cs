using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using SkinProgress.IntegrationTests.Imports;
using static SkinProgress.IntegrationTests.Pipeline;

namespace SkinProgress.IntegrationTests.Scoring;

/// <summary>
/// One person, three sources, one real week: a Garmin FIT file, a second device's own JSON and an Apple Health
/// export all describe the same strength session, run and weigh-in. Through the Api, broker, Worker and database
/// the week must count each once, from the source the default priorities rank highest, and still say what it got.
/// </summary>
[Collection(RealServices.Name)]
public sealed class MultiSourceWeekTests(SkinProgressFixture fixture)
{
    // The FIT reader's single session of this file: strength training from 2025-09-23 10:08:29 UTC, 40.0823 min, 305 kcal.
    private const string FitFile = "fit/20474406937_ACTIVITY.fit";
    private const string FitSessionId = "fit:3486647825:1127556509:session:0";
    private const double FitMinutes = 40.0823;
    private const double FitKcal = 305;

    private const string StrengthDay = "2025-09-23";
    private const string RunDay = "2025-09-25";

    // Apple Health's own versions, a minute or two off and a little shorter or longer, as the phone records them.
    private const double AppleRunMinutes = 44;
    private const double AppleRunKcal = 420;
    private const double AppleWeightKg = 75.2;

    private const string AppleExport = """
        <?xml version="1.0" encoding="UTF-8"?>
        <HealthData locale="en_GB">
         <ExportDate value="2025-09-29 08:00:00 +0000"/>
         <Workout workoutActivityType="HKWorkoutActivityTypeTraditionalStrengthTraining" duration="41" durationUnit="min" totalEnergyBurned="290" totalEnergyBurnedUnit="kcal" sourceName="Apple Watch" sourceVersion="11.0" creationDate="2025-09-23 10:50:00 +0000" startDate="2025-09-23 10:09:00 +0000" endDate="2025-09-23 10:50:00 +0000"/>
         <Workout workoutActivityType="HKWorkoutActivityTypeRunning" duration="44" durationUnit="min" totalDistance="8.1" totalDistanceUnit="km" totalEnergyBurned="420" totalEnergyBurnedUnit="kcal" sourceName="Apple Watch" sourceVersion="11.0" creationDate="2025-09-25 07:15:00 +0000" startDate="2025-09-25 06:31:00 +0000" endDate="2025-09-25 07:15:00 +0000"/>
         <Record type="HKQuantityTypeIdentifierBodyMass" sourceName="Health" sourceVersion="18.0" unit="kg" creationDate="2025-09-25 07:30:00 +0000" startDate="2025-09-25 07:30:00 +0000" endDate="2025-09-25 07:30:00 +0000" value="75.2"/>
        </HealthData>
        """;

    [Fact]
    public async Task TheSameWeek_FromAFitImportADevicesJsonAndAnAppleHealthExport_CountsEachWorkoutAndWeighInOnce()
    {
        var user = await fixture.CreateUserAsync(timeZone: "UTC", source: "garmin");
        using var admin = fixture.Admin();
        using var garmin = fixture.Client(user.DeviceKey);
        using var other = fixture.Client(await DeviceKeyAsync(admin, user, "other"));
        using var phone = fixture.Client(await DeviceKeyAsync(admin, user, "apple_health"));
        using var me = fixture.Client(user.UserKey);

        await (await garmin.ImportAsync(ImportFiles.Bytes(FitFile))).AcceptedBodyAsync();
        using (var json = await other.PostEventsAsync(
            Workout("strength-tue", "2025-09-23T10:10:00Z", 39, "strength_training"),
            Workout("run-thu", "2025-09-25T06:30:00Z", 46),
            new { id = "weigh-thu", type = "weight", occurredAt = "2025-09-25T07:32:00Z", weightKg = 75.4 }))
        {
            Assert.True(json.IsSuccessStatusCode, await json.Content.ReadAsStringAsync());
        }

        var imported = await (await phone.ImportAsync(ImportFiles.AppleHealthZip(Encoding.UTF8.GetBytes(AppleExport)))).AcceptedBodyAsync();
        Assert.Equal(3, imported.GetProperty("accepted").GetInt32());

        var tuesday = (await me.DayWithEventsAsync(StrengthDay, 3))!.Value;
        var thursday = (await me.DayWithEventsAsync(RunDay, 4))!.Value;

        // Strength: garmin (the FIT import) outranks apple_health and other for workouts.
        Assert.Equal(3, tuesday.GetProperty("eventCount").GetInt32());
        Assert.Equal(1, tuesday.GetProperty("strengthSessions").GetInt32());
        Assert.Equal(FitMinutes, Minutes(tuesday), 3);
        Assert.Equal(FitKcal, tuesday.GetProperty("workoutEnergyKcal").GetDouble(), 3);
        Assert.Equal(["garmin"], Sources(tuesday, "workout"));
        var tuesdayMerged = Merged(tuesday);
        Assert.Equal(["apple_health", "other"], tuesdayMerged.Select(m => m.Source).Order(StringComparer.Ordinal));
        Assert.All(tuesdayMerged, m => Assert.Equal(("workout", "garmin", FitSessionId), (m.Type, m.IntoSource, m.IntoId)));

        // Run and weigh-in: apple_health outranks other for both.
        Assert.Equal(4, thursday.GetProperty("eventCount").GetInt32());
        Assert.Equal(0, thursday.GetProperty("strengthSessions").GetInt32());
        Assert.Equal(AppleRunMinutes, Minutes(thursday), 3);
        Assert.Equal(AppleRunKcal, thursday.GetProperty("workoutEnergyKcal").GetDouble(), 3);
        Assert.Equal(AppleWeightKg, thursday.GetProperty("lastWeightKg").GetDouble(), 3);
        Assert.Equal(["apple_health"], Sources(thursday, "workout"));
        Assert.Equal(["apple_health"], Sources(thursday, "weight"));
        var thursdayMerged = Merged(thursday);
        Assert.Equal(
            [("weight", "other", "weigh-thu", "apple_health"), ("workout", "other", "run-thu", "apple_health")],
            thursdayMerged.Select(m => (m.Type, m.Source, m.Id, m.IntoSource)).Order());

        // The whole week: two days, one strength session, one run, every report still counted as received.
        var week = (await me.GetFromJsonAsync<JsonElement>("/v1/me/days?from=2025-09-22&to=2025-09-28")).GetProperty("days").EnumerateArray().ToList();
        var withEvents = week.Where(d => d.GetProperty("eventCount").GetInt32() > 0).ToList();
        Assert.Equal([StrengthDay, RunDay], withEvents.Select(d => d.GetProperty("date").GetString()));
        Assert.Equal(7, withEvents.Sum(d => d.GetProperty("eventCount").GetInt32()));
        Assert.Equal(1, week.Sum(d => d.GetProperty("strengthSessions").GetInt32()));
        Assert.Equal(FitMinutes + AppleRunMinutes, week.Sum(Minutes), 3);
    }

    private static async Task<string> DeviceKeyAsync(HttpClient admin, TestUser user, string source)
    {
        var device = await (await admin.PostAsJsonAsync($"/v1/admin/users/{user.Id}/devices", new { name = source, source }))
            .EnsureSuccessStatusCode().Content.ReadFromJsonAsync<JsonElement>();
        return device.GetProperty("key").GetString()!;
    }

    private static double Minutes(JsonElement day) => day.GetProperty("workoutMinutes").EnumerateObject().Sum(p => p.Value.GetDouble());

    private static List<string?> Sources(JsonElement day, string part) =>
        [.. day.GetProperty("sources").GetProperty(part).EnumerateArray().Select(s => s.GetString())];

    private static List<(string? Type, string? Source, string? Id, string? IntoSource, string? IntoId)> Merged(JsonElement day) =>
        [.. day.GetProperty("merged").EnumerateArray().Select(m => (
            m.GetProperty("type").GetString(),
            m.GetProperty("event").GetProperty("source").GetString(),
            m.GetProperty("event").GetProperty("id").GetString(),
            m.GetProperty("mergedInto").GetProperty("source").GetString(),
            m.GetProperty("mergedInto").GetProperty("id").GetString()))];
}
