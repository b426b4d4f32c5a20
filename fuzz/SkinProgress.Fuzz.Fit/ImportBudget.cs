using System.Diagnostics;

namespace SkinProgress.Fuzz.Fit;

/// <summary>
/// What one read may cost. The Api takes uploads of up to 512 MiB, so a reader whose time or memory grows faster
/// than its input, or that stalls on a small one, is a denial of service even when it ends with the right answer.
/// </summary>
internal sealed class ImportBudget
{
    /// <summary>The reader's fixed buffers and the first use of the event check, whatever the input.</summary>
    public const long FixedBytes = 8L * 1024 * 1024;

    /// <summary>Allocation per input byte; the seeds stay far below it, a per-byte amplification does not.</summary>
    public const long BytesPerInputByte = 1024;

    /// <summary>Time whatever the input: far above any seed's read, which takes milliseconds.</summary>
    public static readonly TimeSpan FixedTime = TimeSpan.FromSeconds(1);

    /// <summary>
    /// Time per input byte, 25 times the instrumented reader's pace on the largest seed (0.2 µs a byte). With afl-fuzz's
    /// 1 MB input limit the total stays well under fuzz/fit.sh's time-out, so a slow input lands in crashes/ with a message.
    /// </summary>
    public static readonly TimeSpan TimePerInputByte = TimeSpan.FromMicroseconds(5);

    private readonly int _inputLength;
    private readonly long _allocatedAtStart;
    private readonly Stopwatch _clock;

    private ImportBudget(int inputLength)
    {
        _inputLength = inputLength;
        _allocatedAtStart = GC.GetAllocatedBytesForCurrentThread();
        _clock = Stopwatch.StartNew();
    }

    public long AllocatedBytes => GC.GetAllocatedBytesForCurrentThread() - _allocatedAtStart;

    public TimeSpan Elapsed => _clock.Elapsed;

    public static ImportBudget Start(int inputLength) => new(inputLength);

    /// <exception cref="ImportBudgetExceededException">One of the limits is passed.</exception>
    public void Check(int items)
    {
        // Every event or warning stands for at least one message, and every message for at least one byte.
        if (items > _inputLength)
        {
            throw new ImportBudgetExceededException($"{items} items from {_inputLength} bytes: more items than bytes.");
        }

        var allocated = AllocatedBytes;
        if (allocated > FixedBytes + (BytesPerInputByte * _inputLength))
        {
            throw new ImportBudgetExceededException(
                $"{allocated} bytes allocated reading {_inputLength} bytes: over {FixedBytes} + {BytesPerInputByte} per input byte.");
        }

        var elapsed = Elapsed;
        if (elapsed > FixedTime + (TimePerInputByte * _inputLength))
        {
            throw new ImportBudgetExceededException(
                $"{elapsed.TotalMilliseconds:F0} ms reading {_inputLength} bytes: over {FixedTime.TotalMilliseconds:F0} ms + {TimePerInputByte.TotalMicroseconds:F0} µs per input byte.");
        }
    }
}
