using SkinProgress.Contracts;
using SkinProgress.Events;

namespace SkinProgress.Sources;

/// <summary>
/// When two workouts from different sources are one real workout (docs/rules.md, Merging sources): they overlap by at
/// least half of the shorter, or start within five minutes with durations within 20 % (short sessions that a clock
/// offset pushes apart), and their activities agree or one of them is <c>other</c>.
/// </summary>
public static class WorkoutMatch
{
    /// <summary>The overlap must be at least this share of the shorter workout, in percent.</summary>
    public const int MinOverlapPercent = 50;
    public static readonly TimeSpan StartTolerance = TimeSpan.FromMinutes(5);

    /// <summary>"Durations within 20 %": the shorter is at least 80 % of the longer.</summary>
    public const int DurationTolerancePercent = 20;

    /// <summary>The longest workout the contract accepts, which bounds how far apart two matching workouts can start.</summary>
    public static readonly TimeSpan LongestWorkout = TimeSpan.FromMinutes(EventLimits.DurationMinutes.Max);

    /// <summary>Whole milliseconds and integer percentages, so a threshold met exactly is met whatever the doubles' rounding.</summary>
    public static bool AreSame(HealthEvent a, HealthEvent b)
    {
        ArgumentNullException.ThrowIfNull(a);
        ArgumentNullException.ThrowIfNull(b);
        if (a.Workout is not { } wa || b.Workout is not { } wb || !Compatible(wa.Activity, wb.Activity))
        {
            return false;
        }

        var startA = a.OccurredAt.UtcTicks;
        var startB = b.OccurredAt.UtcTicks;
        var lengthA = Ticks(wa.DurationMinutes);
        var lengthB = Ticks(wb.DurationMinutes);
        var overlap = Math.Min(startA + lengthA, startB + lengthB) - Math.Max(startA, startB);
        var shorter = Math.Min(lengthA, lengthB);
        if (overlap > 0 && overlap * 100 >= shorter * MinOverlapPercent)
        {
            return true;
        }

        var longer = Math.Max(lengthA, lengthB);
        return Math.Abs(startA - startB) <= StartTolerance.Ticks && shorter * 100 >= longer * (100 - DurationTolerancePercent);
    }

    private static bool Compatible(string a, string b) =>
        a == b || a == Activities.Other || b == Activities.Other;

    private static long Ticks(double minutes) => (long)Math.Round(minutes * 60_000) * TimeSpan.TicksPerMillisecond;
}
