namespace SkinProgress.Bench.Summaries;

public static class SummariesBenchmark
{
    public static Task<int> RunAsync(BenchArgs args, CancellationToken ct)
    {
        Console.Error.WriteLine("[bench] the weekly-summaries figure is not yet measured; see bench/README.md");
        return Task.FromResult(3);
    }
}
