namespace SkinProgress.Bench.Load;

/// <summary>The three figures of ../shared/tools/limits, measured by bench/run.sh just before the load.</summary>
public sealed record Limits(double BrokerConfirmedMsgPerSecond, double CopyRowsPerSecond, double DedupInsertRowsPerSecond)
{
    public static Limits From(BenchArgs args) =>
        new(args.Number("limit-broker", 0), args.Number("limit-copy", 0), args.Number("limit-dedup", 0));
}
