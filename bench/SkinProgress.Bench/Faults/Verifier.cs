using Npgsql;
using SkinProgress.Bench.Ingest;
using SkinProgress.Data.Days;
using SkinProgress.Data.Events;

namespace SkinProgress.Bench.Faults;

/// <summary>
/// What PostgreSQL holds against the ledger. In-doubt batches (a request went unanswered, no 202 came after) are
/// each stored whole or not at all; one stored in part means a request was half accepted.
/// </summary>
public sealed record Verification(long Stored, long Lost, long StoredNotAcknowledged, long DuplicateRows, long DoubleCounted,
    long MissingFromTotals, int DaysChecked, int DaysMismatched, int InDoubt, int InDoubtStored, int InDoubtPartial, IReadOnlyList<string> Examples);

/// <summary>Compares what PostgreSQL holds for the run's users with the client's ledger.</summary>
public static class Verifier
{
    public static async Task<Verification> VerifyAsync(NpgsqlDataSource data, IReadOnlyList<BenchDevice> devices, Ledger ledger, CancellationToken ct)
    {
        var userIndex = devices.Select((d, i) => (d.UserId, i)).ToDictionary(x => x.UserId, x => x.i);
        var userIds = devices.Select(d => d.UserId).ToArray();
        var examples = new List<string>();

        var stored = new Dictionary<int, HashSet<string>>();
        long rows = 0, duplicates = 0;
        await using var connection = await data.OpenConnectionAsync(ct);
        foreach (var (user, _, id) in await EventStatements.ReadKeysAsync(connection, userIds, ct))
        {
            rows++;
            var index = userIndex[user];
            var set = stored.TryGetValue(index, out var s) ? s : stored[index] = new HashSet<string>(StringComparer.Ordinal);
            if (!set.Add(id))
            {
                duplicates++;
            }
        }

        long lost = 0;
        var acknowledged = ledger.EventIds();
        foreach (var (user, ids) in acknowledged)
        {
            var have = stored.GetValueOrDefault(user) ?? [];
            foreach (var id in ids.Where(id => !have.Contains(id)))
            {
                lost++;
                if (examples.Count < 5)
                {
                    examples.Add($"lost: user {devices[user].UserId} event {id}");
                }
            }
        }

        var inDoubt = ledger.InDoubt();
        var storedInDoubt = new List<EventBatch>();
        var partial = 0;
        foreach (var batch in inDoubt)
        {
            var have = stored.GetValueOrDefault(batch.User) ?? [];
            var found = Enumerable.Range(0, batch.Count).Count(i => have.Contains(EventBatch.EventId(batch.IdPrefix, i)));
            if (found == batch.Count)
            {
                storedInDoubt.Add(batch);
            }
            else if (found > 0)
            {
                partial++;
                if (examples.Count < 5)
                {
                    examples.Add($"in doubt and stored in part: user {devices[batch.User].UserId} batch {batch.IdPrefix}, {found} of {batch.Count} events");
                }
            }
        }

        var doubted = Ledger.IdsOf(inDoubt);
        long extra = stored.Sum(s => (long)s.Value.Count(id =>
            !(acknowledged.TryGetValue(s.Key, out var a) && a.Contains(id)) && !(doubted.TryGetValue(s.Key, out var d) && d.Contains(id))));

        var expected = ledger.ExpectedTotals(storedInDoubt);
        var actual = new Dictionary<(int, DateOnly), DayTotals>();
        foreach (var (user, day) in await DayStatements.ReadAsync(connection, userIds, ct))
        {
            actual[(userIndex[user], day.Date)] = new DayTotals(day.EventCount, day.MealCount, day.ProteinGrams, day.FluidsMl);
        }

        long doubled = 0, missing = 0;
        var mismatched = 0;
        foreach (var key in expected.Keys.Union(actual.Keys))
        {
            var want = expected.GetValueOrDefault(key);
            var got = actual.GetValueOrDefault(key);
            doubled += Math.Max(0, got.Events - want.Events);
            missing += Math.Max(0, want.Events - got.Events);
            if (got.Events != want.Events || got.Meals != want.Meals
                || Math.Abs(got.ProteinGrams - want.ProteinGrams) > 1e-6 || Math.Abs(got.FluidsMl - want.FluidsMl) > 1e-6)
            {
                mismatched++;
                if (examples.Count < 10)
                {
                    examples.Add($"day {key.Item2} of user {devices[key.Item1].UserId}: expected {want}, stored {got}");
                }
            }
        }

        return new Verification(rows, lost, extra, duplicates, doubled, missing, expected.Count, mismatched,
            inDoubt.Count, storedInDoubt.Count, partial, examples);
    }
}
