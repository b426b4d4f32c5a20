namespace SkinProgress.Fuzz.Fit;

/// <summary>What one read of an input came to when nothing unexpected happened; <see cref="Problem"/> is the 422's.</summary>
internal sealed record ImportOutcome(
    bool IsFit, int Events, int Rejected, int Warnings, string? Problem, long AllocatedBytes, TimeSpan Elapsed)
{
    public static readonly ImportOutcome NotFit = new(false, 0, 0, 0, null, 0, TimeSpan.Zero);

    public override string ToString() => !IsFit
        ? "not recognised as FIT (415)"
        : $"{(Problem is null ? "read (202)" : $"broken: {Problem} (422)")}, {Events} event(s) ({Rejected} rejected), {Warnings} warning(s), "
            + $"{AllocatedBytes / 1024.0:F0} KiB allocated, {Elapsed.TotalMilliseconds:F1} ms";
}
