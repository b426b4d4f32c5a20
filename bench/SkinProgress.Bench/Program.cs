using SkinProgress.Bench;
using SkinProgress.Bench.Faults;
using SkinProgress.Bench.Load;
using SkinProgress.Bench.Summaries;

// bench/run.sh and bench/faults.sh start the services and the hosts, then call one of these modes.
var options = BenchArgs.Parse(args.Skip(1));
using var cancel = new CancellationTokenSource();
Console.CancelKeyPress += (_, e) =>
{
    e.Cancel = true;
    cancel.Cancel();
};

return args.FirstOrDefault() switch
{
    "load" => await LoadBenchmark.RunAsync(options, cancel.Token),
    "faults" => await FaultRun.RunAsync(options, cancel.Token),
    "summaries" => await SummariesBenchmark.RunAsync(options, cancel.Token),
    _ => Usage(),
};

static int Usage()
{
    Console.Error.WriteLine("usage: SkinProgress.Bench load|faults|summaries --api URL --admin KEY [--name value ...] (see bench/README.md)");
    return 2;
}
