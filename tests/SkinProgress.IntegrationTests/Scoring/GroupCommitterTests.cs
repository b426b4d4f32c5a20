using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Npgsql;
using SkinProgress.Contracts;
using SkinProgress.Worker.Scoring;

namespace SkinProgress.IntegrationTests.Scoring;

/// <summary>The Worker's group committer against the real database, with groups formed deliberately.</summary>
[Collection(RealServices.Name)]
public sealed class GroupCommitterTests(SkinProgressFixture fixture)
{
    private static readonly DateTimeOffset Noon = new(2026, 4, 6, 12, 0, 0, TimeSpan.Zero);

    [Fact]
    public async Task PoisonMessageInAGroup_FailsAloneAndTheOthersAreStored()
    {
        var users = new List<TestUser>();
        for (var i = 0; i < 6; i++)
        {
            users.Add(await fixture.CreateUserAsync());
        }

        var committer = fixture.WorkerServices.GetRequiredService<GroupCommitter>();
        // An id longer than the column allows: the database refuses it, so the whole group's transaction fails.
        var poison = Batch(users[0], new string('x', 300));
        List<Task<IReadOnlyList<RejectedEvent>>> good;
        Task<IReadOnlyList<RejectedEvent>> bad;
        await using (await BlockWritersAsync(committer))
        {
            good = users.Select(u => committer.StoreAsync(Batch(u, "water-1"), CancellationToken.None)).ToList();
            bad = committer.StoreAsync(poison, CancellationToken.None);
            good.AddRange(users.Select(u => committer.StoreAsync(Batch(u, "water-2"), CancellationToken.None)));
        }

        Assert.All(await Task.WhenAll(good), Assert.Empty);
        var rejected = Assert.Single(await bad);
        Assert.Equal(poison.Events[0], rejected.Event);
        Assert.Contains("value too long", rejected.Reason, StringComparison.Ordinal);
        foreach (var user in users)
        {
            var day = await fixture.WithDbAsync(db => db.DailyTotals.SingleAsync(d => d.UserId == user.Id && d.LocalDate == DateOnly.FromDateTime(Noon.UtcDateTime)));
            Assert.Equal(2, day.EventCount);
            Assert.Equal(400, day.FluidsMl);
        }
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(7)]
    public async Task MessageWithEventsTheDatabaseRefuses_StoresEveryOtherEvent(int refused)
    {
        var user = await fixture.CreateUserAsync();
        var committer = fixture.WorkerServices.GetRequiredService<GroupCommitter>();
        var events = Enumerable.Range(0, 40).Select(i => Water($"water-{i}", 10)).ToList();
        var bad = Enumerable.Range(0, refused).Select(i => i * 5 + 3).ToHashSet();
        foreach (var i in bad)
        {
            // Longer than the column: only a publisher that skipped validation could send it, and only the database refuses it.
            events[i] = Water(new string((char)('a' + i % 26), 300), 10);
        }

        var batch = new EventBatchReceived(Guid.NewGuid(), user.Id, user.DeviceId, "garmin", Noon, events);

        var rejected = await committer.StoreAsync(batch, CancellationToken.None);

        Assert.Equal(bad.Select(i => events[i]).ToHashSet(), rejected.Select(r => r.Event).ToHashSet());
        var day = await fixture.WithDbAsync(db => db.DailyTotals.SingleAsync(d => d.UserId == user.Id));
        Assert.Equal(40 - refused, day.EventCount);
        Assert.Equal((40 - refused) * 10, day.FluidsMl);
    }

    [Fact]
    public async Task GroupWithTheSameEventTwice_StoresTheLastVersionOnce()
    {
        var user = await fixture.CreateUserAsync();
        var committer = fixture.WorkerServices.GetRequiredService<GroupCommitter>();
        Task[] stored;
        await using (await BlockWritersAsync(committer))
        {
            stored =
            [
                committer.StoreAsync(Batch(user, "water-1", ml: 250), CancellationToken.None),
                committer.StoreAsync(Batch(user, "water-1", ml: 700), CancellationToken.None),
            ];
        }

        await Task.WhenAll(stored);
        var day = await fixture.WithDbAsync(db => db.DailyTotals.SingleAsync(d => d.UserId == user.Id));
        Assert.Equal(1, day.EventCount);
        Assert.Equal(700, day.FluidsMl);
    }

    private static EventBatchReceived Batch(TestUser user, string eventId, double ml = 200) =>
        new(Guid.NewGuid(), user.Id, user.DeviceId, "garmin", Noon, [Water(eventId, ml)]);

    private static HealthEvent Water(string eventId, double ml) => new(eventId, "hydration", Noon, Hydration: new Hydration(ml));

    /// <summary>
    /// Occupies every writer with a message that waits for a row lock held here, so the messages handed over
    /// meanwhile queue up and form one group when the returned handle releases the lock.
    /// </summary>
    private async Task<WritersBlocked> BlockWritersAsync(GroupCommitter committer)
    {
        var blocker = await fixture.CreateUserAsync();
        var connection = await fixture.DataSource.OpenConnectionAsync();
        var transaction = await connection.BeginTransactionAsync();
        await using (var lockDevice = new NpgsqlCommand("select 1 from devices where id = @id for update", connection, transaction))
        {
            lockDevice.Parameters.AddWithValue("id", blocker.DeviceId);
            await lockDevice.ExecuteScalarAsync();
        }

        // One at a time, or an idle writer would take them all as one group. The first writer waits for the device
        // row, the others for the blocker's user lock.
        var writers = fixture.WorkerServices.GetRequiredService<IOptions<ScoringOptions>>().Value.Writers;
        var blocked = new List<Task>();
        for (var i = 0; i < writers; i++)
        {
            blocked.Add(committer.StoreAsync(Batch(blocker, $"block-{i}"), CancellationToken.None));
            await SkinProgressFixture.EventuallyAsync(() => WaitingForLocksAsync(connection, transaction), n => n == blocked.Count);
        }

        return new WritersBlocked(connection, transaction, blocked);
    }

    private static async Task<long> WaitingForLocksAsync(NpgsqlConnection connection, NpgsqlTransaction transaction)
    {
        // Activity is read as a snapshot per transaction; this transaction has to stay open, so drop its snapshot.
        await using var waiting = new NpgsqlCommand("""
            select pg_stat_clear_snapshot();
            select count(*) from pg_stat_activity where datname = current_database() and wait_event_type = 'Lock'
            """, connection, transaction);
        await using var reader = await waiting.ExecuteReaderAsync();
        await reader.NextResultAsync();
        await reader.ReadAsync();
        return reader.GetInt64(0);
    }

    private sealed class WritersBlocked(NpgsqlConnection connection, NpgsqlTransaction transaction, List<Task> blocked) : IAsyncDisposable
    {
        public async ValueTask DisposeAsync()
        {
            await transaction.RollbackAsync();
            await connection.DisposeAsync();
            await Task.WhenAll(blocked);
        }
    }
}
