using System.Globalization;
using System.Text;
using System.Text.Json.Nodes;
using CsCheck;
using SkinProgress.IntegrationTests.Imports;

namespace SkinProgress.IntegrationTests.Fuzzing;

/// <summary>
/// A generator for every write route of the OpenAPI document: a valid request first, then mutated by
/// <see cref="HostileJson"/> (or, for files, by cutting and flipping bytes). Paths may hold "{user}" and "{unknown}",
/// which the runner fills with one of its users' ids or an id nobody has.
/// </summary>
public static class RequestGenerators
{
    public const int Slots = 24;
    public const int EventIds = 40;

    private static readonly DateTimeOffset Today = new(DateTime.UtcNow.Date, TimeSpan.Zero);

    private static readonly string[] Zones = ["Europe/London", "America/Los_Angeles", "Asia/Kolkata", "Pacific/Chatham", "UTC", "Australia/Lord_Howe"];
    private static readonly string[] Days = ["monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"];
    private static readonly string[] Activities = ["running", "walking", "cycling", "strength_training", "yoga", "other"];
    private static readonly string[] Sources = ["garmin", "fitbit", "apple_health", "google_fit", "polar", "suunto", "withings", "strava", "manual", "other"];
    private static readonly string[] ImportFixtures = ["fit/garmin-fenix-5-run.fit", "fit/WeightScaleSingleUser.fit", "fit/activity_poolswim_with_hr.fit", "tcx/test.tcx", "gpx/run.gpx", "applehealth/dogsheep-export.xml"];

    private static readonly Gen<int> Slot = Gen.Int[0, Slots - 1];

    /// <summary>Every route, weighted roughly as traffic is: mostly events, some of everything else.</summary>
    /// <remarks>A property, not a field: the generators it names are fields declared below it.</remarks>
    public static IReadOnlyDictionary<string, (int Weight, Gen<FuzzRequest> Gen)> Routes => new Dictionary<string, (int, Gen<FuzzRequest>)>
    {
        ["POST /v1/events"] = (40, Json("POST /v1/events", "POST", Gen.Const("/v1/events"), Caller.Device, Events)),
        ["POST /v1/imports"] = (6, Files),
        ["PUT /v1/me/profile"] = (14, Json("PUT /v1/me/profile", "PUT", Gen.Const("/v1/me/profile"), Caller.User, Profile)),
        ["PUT /v1/me/sources"] = (4, Json("PUT /v1/me/sources", "PUT", Gen.Const("/v1/me/sources"), Caller.User, SourceOrder)),
        ["DELETE /v1/me"] = (1, Gen.Const(new FuzzRequest("DELETE /v1/me", "DELETE", "/v1/me", Caller.Throwaway, 0, null, null))),
        // Ids the run never sends (each device's own and hostile ones): a removal of an accepted event could overtake a
        // re-send of it still queued, so the ledger of accepted events could no longer say what must be stored.
        ["DELETE /v1/events/{id}"] = (3, Gen.Select(Gen.Frequency(
                (3, Gen.Int[0, EventIds - 1].Select(n => $"gone{n}")),
                (1, Gen.OneOf([.. HostileJson.Values.Where(v => !v.Contains("u0000", StringComparison.Ordinal))]).Select(Uri.EscapeDataString))), Slot)
            .Select((id, slot) => new FuzzRequest("DELETE /v1/events/{id}", "DELETE", $"/v1/events/{id}", Caller.Device, slot, null, null))),
        ["POST /v1/admin/users"] = (8, Json("POST /v1/admin/users", "POST", Gen.Const("/v1/admin/users"), Caller.Admin, NewUser)),
        ["POST /v1/admin/users/{id}/devices"] = (6, Json("POST /v1/admin/users/{id}/devices", "POST", UserPath("/devices"), Caller.Admin, Device)),
        ["POST /v1/admin/users/{id}/keys"] = (3, UserPath("/keys").Select(path => new FuzzRequest("POST /v1/admin/users/{id}/keys", "POST", path, Caller.Admin, 0, null, null))),
        ["DELETE /v1/admin/keys/{keyId}"] = (3, Gen.OneOf("/v1/admin/keys/{unknown}", "/v1/admin/keys/not-a-guid", "/v1/admin/keys/%E2%80%AE")
            .Select(path => new FuzzRequest("DELETE /v1/admin/keys/{keyId}", "DELETE", path, Caller.Admin, 0, null, null))),
        ["POST /v1/admin/summaries/run"] = (4, Json("POST /v1/admin/summaries/run", "POST", Gen.Const("/v1/admin/summaries/run"), Caller.Admin, SummaryRun)),
        ["POST /v1/unsubscribe/{token}"] = (3, Gen.Frequency(
                (2, Gen.Const("{token}")),
                (3, Gen.Long.Select(n => n.ToString("x16", CultureInfo.InvariantCulture))),
                // Not NUL: the in-process test server refuses to build such a path (Kestrel answers it with a 400 itself).
                (1, Gen.OneOf([.. HostileJson.Values.Where(v => !v.Contains("u0000", StringComparison.Ordinal))]).Select(Uri.EscapeDataString)))
            .Select(token => new FuzzRequest("POST /v1/unsubscribe/{token}", "POST", $"/v1/unsubscribe/{token}", Caller.Anonymous, 0, null, null))),
        ["POST /v1/me/connections/link"] = (2, Slot.Select(slot => new FuzzRequest("POST /v1/me/connections/link", "POST", "/v1/me/connections/link", Caller.User, slot, null, null))),
        ["DELETE /v1/me/connections/{provider}"] = (2, Gen.Select(ProviderSegment, Slot)
            .Select((provider, slot) => new FuzzRequest("DELETE /v1/me/connections/{provider}", "DELETE", $"/v1/me/connections/{provider}", Caller.User, slot, null, null))),
        // Junk a provider might be sent by anybody: the route must refuse it, never fail on it.
        ["POST /v1/webhooks/{provider}"] = (3, Gen.Select(ProviderSegment, Slot, Notification.SelectMany(HostileJson.Mutate),
                Gen.OneOf("application/json", "application/x-www-form-urlencoded", "text/plain"))
            .Select((provider, slot, body, type) => new FuzzRequest("POST /v1/webhooks/{provider}", "POST", $"/v1/webhooks/{provider}", Caller.Anonymous, slot, body, type))),
    };

    public static Gen<FuzzRequest> Any => Gen.Frequency([.. Routes.Values.Select(r => (r.Weight, (IGen<FuzzRequest>)r.Gen))]);

    private static readonly Gen<string> ProviderSegment = Gen.Frequency(
        (4, Gen.OneOf("strava", "withings", "polar", "garmin", "STRAVA", "loopback")),
        (1, Gen.OneOf([.. HostileJson.Values.Where(v => !v.Contains("u0000", StringComparison.Ordinal))]).Select(Uri.EscapeDataString)));

    private static readonly Gen<JsonObject> Notification = Gen.Select(Gen.Long, Gen.Int[0, 3], Gen.Int[1_700_000_000, 1_800_000_000]).Select((owner, aspect, at) => new JsonObject
    {
        ["owner_id"] = owner,
        ["object_type"] = "activity",
        ["aspect_type"] = new[] { "create", "update", "delete", "deauthorize" }[aspect],
        ["object_id"] = owner ^ 0x5a5a,
        ["event_time"] = at,
    });

    private static Gen<string> UserPath(string rest) =>
        Gen.Frequency((6, Gen.Const($"/v1/admin/users/{{user}}{rest}")), (1, Gen.Const($"/v1/admin/users/{{unknown}}{rest}")), (1, Gen.Const($"/v1/admin/users/42{rest}")));

    private static Gen<FuzzRequest> Json(string route, string method, Gen<string> path, Caller caller, Gen<JsonObject> valid) =>
        Gen.Select(path, Slot, valid.SelectMany(HostileJson.Mutate), Gen.Frequency((12, Gen.Const("application/json")), (1, Gen.Const("text/plain")), (1, Gen.Const("application/json; charset=latin1"))))
            .Select((p, slot, body, type) => new FuzzRequest(route, method, p, caller, slot, body, type));

    private static readonly Gen<string> Time = Gen.Select(Gen.Int[0, 30 * 24 * 60], Gen.Int[-56, 56]).Select((minutesAgo, quarters) =>
        Today.AddMinutes(-minutesAgo).ToOffset(TimeSpan.FromMinutes(quarters * 15)).ToString("yyyy-MM-dd'T'HH:mm:sszzz", CultureInfo.InvariantCulture));

    private static readonly Gen<JsonObject> Event = Gen.Select(Gen.Int[0, EventIds - 1], Gen.Int[0, 4], Time, Gen.Double[0.5, 180], Gen.Double[0, 400])
        .Select((id, kind, at, a, b) =>
        {
            var e = new JsonObject { ["id"] = $"e{id}", ["occurredAt"] = at };
            switch (kind)
            {
                case 0:
                    e["type"] = "workout";
                    e["activity"] = Activities[(int)a % Activities.Length];
                    e["durationMinutes"] = Math.Round(a, 2);
                    e["distanceKm"] = Math.Round(b / 20, 2);
                    break;
                case 1:
                    e["type"] = "meal";
                    e["proteinGrams"] = Math.Round(b / 4, 1);
                    e["name"] = "lunch";
                    break;
                case 2:
                    e["type"] = "hydration";
                    e["volumeMl"] = Math.Round(a * 10, 0);
                    break;
                case 3:
                    e["type"] = "weight";
                    e["weightKg"] = Math.Round(40 + b / 2, 1);
                    break;
                default:
                    e["type"] = "skin_check";
                    e["regions"] = new JsonObject { ["abdomen"] = (int)a % 4 };
                    e["symptoms"] = new JsonArray("fold_rash");
                    break;
            }

            return e;
        });

    private static readonly Gen<JsonObject> Events = Event.Array[1, 6].Select(events => new JsonObject { ["events"] = new JsonArray([.. events]) });

    private static readonly Gen<JsonObject> Profile = Gen.Select(Gen.Int[0, 255], Gen.Double[50, 272], Gen.Int[1930, 2005], Gen.Int[0, 5], Gen.Int[0, 6], Gen.Int[0, 23], Gen.Double[40, 300])
        .Select((fields, height, year, zone, day, hour, weight) =>
        {
            var all = new (string Name, JsonNode Value)[]
            {
                ("displayName", "Sam"), ("heightCm", Math.Round(height, 1)), ("birthYear", year), ("timeZone", Zones[zone]),
                ("weekStart", Days[day]), ("summaryHour", hour), ("startWeightKg", Math.Round(weight, 1)), ("sex", "female"),
            };
            var profile = new JsonObject();
            for (var i = 0; i < all.Length; i++)
            {
                if ((fields & (1 << i)) != 0)
                {
                    profile[all[i].Name] = all[i].Value;
                }
            }

            return profile;
        });

    /// <summary>Some of the three types, each a shuffled run of the sources.</summary>
    private static readonly Gen<JsonObject> SourceOrder = Gen.Select(Gen.Int[0, 7], Gen.Shuffle(Sources).Array[3], Gen.Int[0, Sources.Length].Array[3])
        .Select((types, orders, lengths) =>
        {
            var body = new JsonObject();
            string[] names = ["workout", "weight", "nutrition"];
            for (var i = 0; i < names.Length; i++)
            {
                if ((types & (1 << i)) != 0)
                {
                    body[names[i]] = new JsonArray([.. orders[i].Take(lengths[i]).Select(n => (JsonNode)n)]);
                }
            }

            return body;
        });

    private static readonly Gen<JsonObject> NewUser = Gen.Select(Gen.Long, Gen.Double[50, 272], Gen.Int[1930, 2005], Gen.Int[0, 5])
        .Select((n, height, year, zone) => new JsonObject
        {
            ["email"] = $"fuzz{n:x16}@example.org",
            ["profile"] = new JsonObject { ["heightCm"] = Math.Round(height, 1), ["birthYear"] = year, ["timeZone"] = Zones[zone] },
        });

    private static readonly Gen<JsonObject> Device = Gen.Int[0, Sources.Length - 1]
        .Select(source => new JsonObject { ["name"] = "watch", ["source"] = Sources[source] });

    private static readonly Gen<JsonObject> SummaryRun = Gen.Int[0, 400].Select(daysAgo => new JsonObject
    {
        ["userId"] = "{user}",
        ["weekStart"] = DateOnly.FromDateTime(Today.UtcDateTime).AddDays(-daysAgo).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
    });

    private static readonly Gen<FuzzRequest> Files = Gen.Select(Gen.Int[0, ImportFixtures.Length - 1], Gen.Int[0, 3], Gen.Int, Slot, Gen.Bool)
        .Select((file, kind, pick, slot, multipart) =>
        {
            var random = new Random(pick);
            var bytes = ImportFiles.Bytes(ImportFixtures[file]);
            bytes = kind switch
            {
                0 => bytes,
                1 => bytes[..random.Next(bytes.Length)],
                _ => Flip(bytes, random),
            };
            if (!multipart)
            {
                return new FuzzRequest("POST /v1/imports", "POST", "/v1/imports", Caller.Device, slot, bytes, "application/octet-stream");
            }

            const string boundary = "fuzz-boundary";
            var head = Encoding.UTF8.GetBytes($"--{boundary}\r\nContent-Disposition: form-data; name=\"file\"; filename=\"a\"\r\n\r\n");
            var tail = Encoding.UTF8.GetBytes($"\r\n--{boundary}--\r\n");
            return new FuzzRequest("POST /v1/imports", "POST", "/v1/imports", Caller.Device, slot, [.. head, .. bytes, .. tail], $"multipart/form-data; boundary={boundary}");
        });

    private static byte[] Flip(byte[] original, Random random)
    {
        var copy = (byte[])original.Clone();
        for (var i = 0; i < 1 + random.Next(8) && copy.Length > 0; i++)
        {
            copy[random.Next(Math.Min(copy.Length, random.Next(2) == 0 ? 64 : copy.Length))] = (byte)random.Next(256);
        }

        return copy;
    }
}
