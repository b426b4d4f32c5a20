using System.Runtime.InteropServices;
using SharpFuzz;

namespace SkinProgress.Fuzz.Fit;

internal static class Program
{
    private const string Usage = """
        Usage: SkinProgress.Fuzz.Fit                  fuzz target for afl-fuzz (fuzz/fit.sh runs it); outside afl-fuzz reads one input from stdin
               SkinProgress.Fuzz.Fit triage FILE...   replays inputs and groups the findings
               SkinProgress.Fuzz.Fit repair IN OUT    writes IN with its FIT CRCs repaired, as the target reads it the second time
        """;

    public static int Main(string[] args)
    {
        switch (args)
        {
            case []:
                // Out of process: a stack overflow or a hang kills only the child, and afl-fuzz records it instead of stopping.
                Fuzzer.OutOfProcess.Run(stream =>
                {
                    using var input = new MemoryStream();
                    stream.CopyTo(input);
                    FitImportTarget.RunAsGivenAndRepaired(input.ToArray());
                });
                return 0;
            case ["triage", .. var paths] when paths.Length > 0:
                UsePrivateCoverageMap();
                return Triage.Run(paths);
            case ["repair", var from, var to]:
                UsePrivateCoverageMap();
                File.WriteAllBytes(to, FitCrcRepair.Repair(File.ReadAllBytes(from)) ?? File.ReadAllBytes(from));
                return 0;
            default:
                Console.Error.WriteLine(Usage);
                return 2;
        }
    }

    /// <summary>The instrumented reader counts branches into afl-fuzz's shared memory; outside afl-fuzz it needs a map of its own.</summary>
    private static unsafe void UsePrivateCoverageMap() => SharpFuzz.Common.Trace.SharedMem = (byte*)NativeMemory.AllocZeroed(1 << 16);
}
