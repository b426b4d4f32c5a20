using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using System.IO.Compression;

namespace SkinProgress.Formats.Tests;

/// <summary>
/// Feeds every fixture, mutated, to its reader: truncated at random offsets, with random bytes flipped, and
/// spliced onto another fixture. Only <see cref="BrokenFileException"/> may come out, every event that does is one the contract accepts, and nothing may hang.
/// SKINPROGRESS_FUZZ_COUNT and SKINPROGRESS_FUZZ_SEED set the number of mutations and the seed.
/// </summary>
public sealed class RobustnessTests
{
    private static readonly TimeSpan HangLimit = TimeSpan.FromMinutes(2);

    [Fact]
    public async Task Read_OnlyEverThrowsBrokenFileException_ForMutatedFixtures()
    {
        var count = EnvironmentInt("SKINPROGRESS_FUZZ_COUNT") ?? 20_000;
        var seed = EnvironmentInt("SKINPROGRESS_FUZZ_SEED") ?? Environment.TickCount;
        var corpus = Corpus();
        var failures = new ConcurrentQueue<string>();
        var running = new ConcurrentDictionary<int, int>();
        var outcomes = new int[3];

        var fuzz = Task.Run(() => Parallel.For(0, count, new ParallelOptions { MaxDegreeOfParallelism = Environment.ProcessorCount }, i =>
        {
            running[Environment.CurrentManagedThreadId] = i;
            var random = new Random(HashCode.Combine(seed, i));
            var (original, format) = corpus[random.Next(corpus.Count)];
            var mutated = Mutate(original, corpus[random.Next(corpus.Count)].Bytes, random);
            try
            {
                _ = FileFormatDetector.Detect(mutated.AsSpan(0, Math.Min(mutated.Length, FileFormatDetector.HeadLength)));
                var items = 0;
                foreach (var item in ActivityFileReader.Read(new MemoryStream(mutated), format))
                {
                    items++;
                    if (item.Event is { } e && ContractProblems(e) is { Length: > 0 } problems)
                    {
                        failures.Enqueue($"case {i} ({format}): the reader yielded an event the contract refuses ({problems}): {e}");
                    }
                }

                Interlocked.Increment(ref outcomes[items > 0 ? 0 : 1]);
            }
            catch (BrokenFileException ex) when (!string.IsNullOrEmpty(ex.Problem) && !string.IsNullOrEmpty(ex.Message))
            {
                Interlocked.Increment(ref outcomes[2]);
            }
            catch (Exception ex)
            {
                failures.Enqueue($"case {i} ({format}, {mutated.Length} bytes): {ex.GetType().Name}: {ex.Message}\n{ex.StackTrace}");
            }

            running.TryRemove(Environment.CurrentManagedThreadId, out _);
        }));

        var finished = await Task.WhenAny(fuzz, Task.Delay(HangLimit)) == fuzz;

        Assert.True(finished, $"Fuzzing hung (seed {seed}); cases still running: {string.Join(", ", running.Values)}.");
        Assert.True(failures.IsEmpty, $"{failures.Count} mutation(s) escaped as non-BrokenFileException (seed {seed}, count {count}):\n{string.Join("\n", failures.Take(3))}");
        Assert.Equal(count, outcomes.Sum());
    }

    /// <summary>
    /// What the shared validator refuses in an event a reader made, leaving out the time window: that depends on the
    /// day of the import, not on the file, and the import counts such events as rejected.
    /// </summary>
    private static string ContractProblems(Contracts.HealthEvent e) =>
        string.Join(", ", Events.EventValidator.Validate(e, DateTimeOffset.MaxValue.AddDays(-2)).Errors.Keys.Where(k => k != "occurredAt"));

    private static List<(byte[] Bytes, FileFormat Format)> Corpus()
    {
        var corpus = TestFiles.Inputs.Select(i => (TestFiles.Bytes(i.File), i.Format)).ToList();
        using var zip = new MemoryStream();
        using (var archive = new ZipArchive(zip, ZipArchiveMode.Create, leaveOpen: true))
        {
            using var entry = archive.CreateEntry("apple_health_export/export.xml").Open();
            entry.Write(TestFiles.Bytes("applehealth/dogsheep-export.xml"));
        }

        corpus.Add((zip.ToArray(), FileFormat.AppleHealthZip));
        return corpus;
    }

    private static byte[] Mutate(byte[] original, byte[] other, Random random)
    {
        switch (random.Next(4))
        {
            case 0:
                return original[..random.Next(original.Length + 1)];
            case 1:
                return Flip(original, random);
            case 2:
                return [.. original.AsSpan(0, random.Next(original.Length + 1)), .. other.AsSpan(random.Next(other.Length + 1))];
            default:
                var flipped = Flip(original, random);
                return flipped[..random.Next(flipped.Length + 1)];
        }
    }

    private static byte[] Flip(byte[] original, Random random)
    {
        var copy = (byte[])original.Clone();
        var flips = 1 + random.Next(8);
        for (var f = 0; f < flips && copy.Length > 0; f++)
        {
            // Half the flips land in the first 64 bytes, where headers and definitions steer the whole parse.
            var position = random.Next(2) == 0 ? random.Next(Math.Min(64, copy.Length)) : random.Next(copy.Length);
            copy[position] = (byte)random.Next(256);
        }

        return copy;
    }

    private static int? EnvironmentInt(string name) =>
        int.TryParse(Environment.GetEnvironmentVariable(name), NumberStyles.Integer, CultureInfo.InvariantCulture, out var value) ? value : null;
}
