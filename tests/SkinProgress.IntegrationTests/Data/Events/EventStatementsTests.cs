using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using SkinProgress.Contracts;
using SkinProgress.Data.Days;
using SkinProgress.Data.Events;

namespace SkinProgress.IntegrationTests.Data.Events;

/// <summary>Each statement of raw_events against the migrated schema, on users of their own.</summary>
[Collection(RealServices.Name)]
public sealed class EventStatementsTests(SkinProgressFixture fixture)
{
    private static readonly DateOnly Day = new(2026, 3, 2);
    private static readonly DateTimeOffset Accepted = new(2026, 3, 2, 20, 0, 0, TimeSpan.Zero);

    [Fact]
    public async Task ReadDays_RebuildsEveryTypeOfEventAsItWasSent_WithItsSourceAndDevice()
    {
        var user = await fixture.CreateUserAsync();
        HealthEvent[] sent =
        [
            new("w", "workout", new DateTimeOffset(2026, 3, 2, 7, 30, 0, TimeSpan.FromHours(1)),
                Workout: new Workout("running", 42.5, "vigorous", 8.25, 510, 151)),
            new("w-bare", "workout", new DateTimeOffset(2026, 3, 2, 9, 0, 0, TimeSpan.Zero), Workout: new Workout("yoga", 20)),
            new("m", "meal", new DateTimeOffset(2026, 3, 2, 12, 0, 0, TimeSpan.FromMinutes(-330)),
                Meal: new Meal(31.5, 640, 70, 22, 45, "Lentil soup")),
            new("h", "hydration", new DateTimeOffset(2026, 3, 2, 13, 0, 0, TimeSpan.Zero), Hydration: new Hydration(330)),
            new("kg", "weight", new DateTimeOffset(2026, 3, 2, 6, 0, 0, TimeSpan.Zero), Weight: new Weight(96.4, 31.2)),
            new("s", "skin_check", new DateTimeOffset(2026, 3, 2, 21, 0, 0, TimeSpan.Zero),
                SkinCheck: new SkinCheck(new Dictionary<string, int> { ["abdomen"] = 2, ["arms"] = 0 }, ["rash", "itching"])),
        ];

        var days = await fixture.InTransactionAsync(c => EventStatements.StoreAsync(c, [.. sent.Select(e => Row(user, e))], CancellationToken.None));
        var read = await fixture.InTransactionAsync(c => EventStatements.ReadDaysAsync(c, [new UserDay(user.Id, Day), new UserDay(user.Id, Day.AddDays(1))], CancellationToken.None));

        Assert.Equal([new UserDay(user.Id, Day)], days);
        Assert.Empty(read[new UserDay(user.Id, Day.AddDays(1))]);
        var events = read[new UserDay(user.Id, Day)].OrderBy(e => e.Event.Id, StringComparer.Ordinal).ToList();
        // As JSON, offsets included; objects compare without regard to the order of their properties.
        Assert.True(JsonNode.DeepEquals(Json(sent.OrderBy(e => e.Id, StringComparer.Ordinal)), Json(events.Select(e => e.Event))),
            $"{Json(sent.OrderBy(e => e.Id, StringComparer.Ordinal))} was read back as {Json(events.Select(e => e.Event))}");
        Assert.All(events, e => Assert.Equal((user.DeviceId, "garmin", Day), (e.DeviceId, e.Source, e.LocalDate)));
    }

    [Fact]
    public async Task ReadDays_ReadsOnlyTheRowsOfTheDays_EvenWhenAJoinOverTheWholeTableIsPlannedCheaper()
    {
        var user = await fixture.CreateUserAsync();
        // Enough other rows that reading the whole table is plainly not reading the day.
        await StoreAsync([.. Padding(await fixture.CreateUserAsync(), 2000)]);
        await StoreAsync(
            Row(user, new HealthEvent("m1", "meal", new DateTimeOffset(2026, 3, 2, 8, 0, 0, TimeSpan.Zero), Meal: new Meal(20))),
            Row(user, new HealthEvent("m2", "meal", new DateTimeOffset(2026, 3, 2, 13, 0, 0, TimeSpan.Zero), Meal: new Meal(30))),
            Row(user, new HealthEvent("m3", "meal", new DateTimeOffset(2026, 3, 3, 8, 0, 0, TimeSpan.Zero), Meal: new Meal(25)), Day.AddDays(1)));

        var (events, rowsRead) = await fixture.InTransactionAsync(async c =>
        {
            // Stands in for statistics under which a hash join over every row looks cheaper than a lookup per day (few
            // distinct dates among many rows, as under the benchmark's load).
            await using (var plan = new Npgsql.NpgsqlCommand("set local enable_nestloop = off", c))
            {
                await plan.ExecuteNonQueryAsync();
            }

            // The counts include what earlier transactions of this pooled connection read and PostgreSQL has not yet
            // flushed to the shared statistics: only their growth across the read is the read's.
            var before = await RowsReadAsync(c);
            var read = await EventStatements.ReadDaysAsync(c, [new UserDay(user.Id, Day)], CancellationToken.None);
            return (read[new UserDay(user.Id, Day)], await RowsReadAsync(c) - before);
        });

        Assert.Equal(["m1", "m2"], events.Select(e => e.Event.Id).Order(StringComparer.Ordinal));
        Assert.Equal(2, rowsRead);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task Store_IdenticalResend_TouchesNoDay_AndAChangedOneTouchesItsOldAndNewDay(bool largeGroup)
    {
        var user = await fixture.CreateUserAsync();
        var meal = new HealthEvent("m", "meal", new DateTimeOffset(2026, 3, 2, 12, 0, 0, TimeSpan.Zero), Meal: new Meal(30));
        await StoreAsync(largeGroup, Row(user, meal));

        var identical = await StoreAsync(largeGroup, Row(user, meal, receivedAt: Accepted.AddMinutes(1)));
        var moved = await StoreAsync(largeGroup, Row(user, meal with { Meal = new Meal(35) }, Day.AddDays(1), Accepted.AddMinutes(2)));

        Assert.Empty(identical);
        Assert.Equal(new[] { Day, Day.AddDays(1) }, moved.Select(d => d.Date).Order());
        Assert.Equal(35, (await ReadAsync(user, Day.AddDays(1))).Single().Event.Meal!.ProteinGrams);
        Assert.Empty(await ReadAsync(user, Day));
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task Store_KeepsTheVersionAcceptedLast_WhenTheNewerIsStoredFirst(bool largeGroup)
    {
        var user = await fixture.CreateUserAsync();
        var older = new HealthEvent("m", "meal", new DateTimeOffset(2026, 3, 2, 12, 0, 0, TimeSpan.Zero), Meal: new Meal(30));
        var newer = older with { Meal = new Meal(45) };
        await StoreAsync(largeGroup, Row(user, newer, receivedAt: Accepted.AddSeconds(1)));

        var touched = await StoreAsync(largeGroup, Row(user, older, receivedAt: Accepted));

        Assert.Empty(touched);
        Assert.Equal(45, (await ReadAsync(user, Day)).Single().Event.Meal!.ProteinGrams);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task Store_OfTwoVersionsAcceptedAtTheSameInstant_KeepsTheSameOneWhicheverIsStoredFirst(bool largeGroup)
    {
        var first = await fixture.CreateUserAsync();
        var second = await fixture.CreateUserAsync();
        var a = new HealthEvent("m", "meal", new DateTimeOffset(2026, 3, 2, 12, 0, 0, TimeSpan.Zero), Meal: new Meal(30));
        var b = a with { Meal = new Meal(45) };

        await StoreAsync(largeGroup, Row(first, a));
        await StoreAsync(largeGroup, Row(first, b));
        await StoreAsync(largeGroup, Row(second, b));
        await StoreAsync(largeGroup, Row(second, a));

        Assert.Equal(
            (await ReadAsync(first, Day)).Single().Event.Meal!.ProteinGrams,
            (await ReadAsync(second, Day)).Single().Event.Meal!.ProteinGrams);
    }

    [Fact]
    public async Task Store_OfALargeGroup_StagesItInATableThatTheTransactionsEndDrops_EvenWhenStagedTwice()
    {
        var user = await fixture.CreateUserAsync();
        await using var connection = await fixture.DataSource.OpenConnectionAsync();
        await using (var transaction = await connection.BeginTransactionAsync())
        {
            await EventStatements.StoreAsync(connection, [.. Padding(user, EventStatements.StagedFrom)], CancellationToken.None);
            Assert.True(await StagingTableExistsAsync(connection));

            var again = await EventStatements.StoreAsync(connection,
                [.. Padding(user, EventStatements.StagedFrom).Select(r => { r.ReceivedAt = Accepted.AddMinutes(1); r.VolumeMl = 200; return r; })],
                CancellationToken.None);
            Assert.Equal([new UserDay(user.Id, new DateOnly(2026, 1, 5))], again);
            await transaction.CommitAsync();
        }

        // Committed, the connection holds no staging table: it goes back to the pool with nothing of this transaction.
        Assert.False(await StagingTableExistsAsync(connection));
        Assert.All(await ReadAsync(user, new DateOnly(2026, 1, 5)), e => Assert.Equal(200, e.Event.Hydration!.VolumeMl));
    }

    [Fact]
    public async Task Remove_TakesOutTheSourcesEventsAcceptedByTheRemoval_AndReturnsTheirDays()
    {
        var user = await fixture.CreateUserAsync();
        var at = new DateTimeOffset(2026, 3, 2, 12, 0, 0, TimeSpan.Zero);
        await StoreAsync(
            Row(user, new HealthEvent("a", "hydration", at, Hydration: new Hydration(100))),
            Row(user, new HealthEvent("b", "hydration", at.AddDays(1), Hydration: new Hydration(200)), Day.AddDays(1)),
            Row(user, new HealthEvent("later", "hydration", at, Hydration: new Hydration(300)), receivedAt: Accepted.AddHours(1)),
            Row(user, new HealthEvent("a", "hydration", at, Hydration: new Hydration(400)), source: "strava"));

        var days = await fixture.InTransactionAsync(c => EventStatements.RemoveAsync(c, user.Id, "garmin", ["a", "b", "later", "unknown"], Accepted, CancellationToken.None));

        Assert.Equal(new[] { Day, Day.AddDays(1) }, days.Select(d => d.Date).Order());
        Assert.Equal(
            new[] { ("garmin", "later"), ("strava", "a") },
            (await ReadAsync(user, Day)).Select(e => (e.Source, e.Event.Id)).Order());
    }

    [Fact]
    public async Task RemoveSource_TakesOutEveryEventOfThatDeviceOnly()
    {
        var user = await fixture.CreateUserAsync();
        var otherDevice = Guid.NewGuid();
        var at = new DateTimeOffset(2026, 3, 2, 12, 0, 0, TimeSpan.Zero);
        await StoreAsync(
            Row(user, new HealthEvent("a", "hydration", at, Hydration: new Hydration(100))),
            Row(user, new HealthEvent("b", "hydration", at.AddDays(2), Hydration: new Hydration(200)), Day.AddDays(2)),
            Row(user, new HealthEvent("c", "hydration", at, Hydration: new Hydration(300)), device: otherDevice));

        var days = await fixture.InTransactionAsync(c => EventStatements.RemoveSourceAsync(c, user.Id, user.DeviceId, Accepted, CancellationToken.None));

        Assert.Equal(new[] { Day, Day.AddDays(2) }, days.Select(d => d.Date).Order());
        Assert.Equal(["c"], (await ReadAsync(user, Day)).Select(e => e.Event.Id));
        Assert.Empty(await ReadAsync(user, Day.AddDays(2)));
    }

    [Fact]
    public async Task Relocate_MovesEventsToTheirDayInTheNewZone_AndNamesTheDaysTheyLeftAndJoined()
    {
        var user = await fixture.CreateUserAsync();
        var lateEvening = new HealthEvent("late", "hydration", new DateTimeOffset(2026, 3, 2, 23, 30, 0, TimeSpan.Zero), Hydration: new Hydration(100));
        var noon = new HealthEvent("noon", "hydration", new DateTimeOffset(2026, 3, 2, 12, 0, 0, TimeSpan.Zero), Hydration: new Hydration(100));
        await StoreAsync(Row(user, lateEvening), Row(user, noon));

        var days = await fixture.InTransactionAsync(c => EventStatements.RelocateAsync(c, user.Id, TimeZoneInfo.FindSystemTimeZoneById("Asia/Tokyo"), CancellationToken.None));

        Assert.Equal(new[] { Day, Day.AddDays(1) }, days.Select(d => d.Date).Order());
        Assert.Equal(["noon"], (await ReadAsync(user, Day)).Select(e => e.Event.Id));
        Assert.Equal(["late"], (await ReadAsync(user, Day.AddDays(1))).Select(e => e.Event.Id));
    }

    [Fact]
    public async Task InsertSelected_StoresWhatTheQueryNames_AndReadKeysListsIt()
    {
        var user = await fixture.CreateUserAsync();
        await fixture.InTransactionAsync(async c =>
        {
            await EventStatements.InsertSelectedAsync(c, $$"""
                select '{{user.Id}}'::uuid as user_id, 'bench' as source, 'check-' || n as external_id, now() as received_at,
                    '{{user.DeviceId}}'::uuid as device_id, 'skin_check' as type, timestamptz '2026-03-02T20:00:00Z' as occurred_at,
                    0::smallint as occurred_offset_minutes, date '2026-03-02' as local_date, null::text as activity, null::float8 as duration_minutes,
                    null::text as intensity, null::float8 as distance_km, null::float8 as energy_kcal, null::int as avg_heart_rate,
                    null::float8 as protein_grams, null::float8 as carbs_grams, null::float8 as fat_grams, null::float8 as vitamin_c_mg,
                    null::text as meal_name, null::float8 as volume_ml, null::float8 as weight_kg, null::float8 as body_fat_percent,
                    '{"regions": {"arms": 1}, "symptoms": []}'::jsonb as skin_check
                from generate_series(1, 2) n
                """, default);
            return 0;
        });

        Assert.Equal(
            new[] { (user.Id, "bench", "check-1"), (user.Id, "bench", "check-2") },
            (await fixture.InTransactionAsync(c => EventStatements.ReadKeysAsync(c, [user.Id], default))).Order());
        Assert.Equal(1, (await ReadAsync(user, Day)).First().Event.SkinCheck!.Regions["arms"]);
    }

    [Fact]
    public void Columns_AreEveryColumnOfTheEfModel()
    {
        using var scope = fixture.Api.Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<SkinProgress.Data.SkinProgressDbContext>();
        var model = db.Model.FindEntityType(typeof(RawEvent))!.GetProperties().Select(p => p.GetColumnName());
        Assert.Equal(model.Order(StringComparer.Ordinal), EventStatements.Columns.Order(StringComparer.Ordinal));
    }

    private static RawEvent Row(TestUser user, HealthEvent e, DateOnly? day = null, DateTimeOffset? receivedAt = null, string source = "garmin",
        Guid? device = null) =>
        RawEvent.From(user.Id, device ?? user.DeviceId, source, day ?? Day, receivedAt ?? Accepted, e);

    private static async Task<bool> StagingTableExistsAsync(Npgsql.NpgsqlConnection connection)
    {
        await using var exists = new Npgsql.NpgsqlCommand("select to_regclass('pg_temp.raw_events_offered') is not null", connection);
        return (bool)(await exists.ExecuteScalarAsync())!;
    }

    private static async Task<long> RowsReadAsync(Npgsql.NpgsqlConnection connection)
    {
        await using var counted = new Npgsql.NpgsqlCommand(
            "select seq_tup_read + idx_tup_fetch from pg_stat_xact_user_tables where relid = 'raw_events'::regclass", connection);
        return (long)(await counted.ExecuteScalarAsync())!;
    }

    private static JsonNode? Json(IEnumerable<HealthEvent> events) => JsonSerializer.SerializeToNode(events, RawEvent.Json);

    private Task<List<UserDay>> StoreAsync(params RawEvent[] rows) =>
        fixture.InTransactionAsync(c => EventStatements.StoreAsync(c, rows, CancellationToken.None));

    /// <summary>
    /// Stores the rows alone, or in a group large enough to be staged through COPY (padded with events of a user of its
    /// own, whose days are left out of the answer).
    /// </summary>
    private async Task<List<UserDay>> StoreAsync(bool largeGroup, params RawEvent[] rows)
    {
        if (!largeGroup)
        {
            return await StoreAsync(rows);
        }

        var padding = await fixture.CreateUserAsync();
        var days = await StoreAsync([.. rows, .. Padding(padding, EventStatements.StagedFrom - rows.Length)]);
        return [.. days.Where(d => d.UserId != padding.Id)];
    }

    private static IEnumerable<RawEvent> Padding(TestUser user, int count) =>
        Enumerable.Range(0, count).Select(i => Row(user,
            new HealthEvent($"pad-{i}", "hydration", new DateTimeOffset(2026, 1, 5, 12, 0, 0, TimeSpan.Zero), Hydration: new(100)), new DateOnly(2026, 1, 5)));

    private async Task<List<SkinProgress.Days.SourcedEvent>> ReadAsync(TestUser user, DateOnly day) =>
        (await fixture.InTransactionAsync(c => EventStatements.ReadDaysAsync(c, [new UserDay(user.Id, day)], CancellationToken.None)))[new UserDay(user.Id, day)];
}
