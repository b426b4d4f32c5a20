using System.Diagnostics;

namespace SkinProgress.Fuzz.Fit;

/// <summary>
/// Replays saved inputs (afl-fuzz's crashes/ and hangs/, or any file) outside afl-fuzz and groups the findings by
/// exception type and throwing method, so a run's many crashing inputs come down to the few bugs behind them.
/// </summary>
internal static class Triage
{
    public static int Run(IReadOnlyList<string> paths)
    {
        var findings = new SortedDictionary<string, List<string>>(StringComparer.Ordinal);
        foreach (var path in paths)
        {
            var input = File.ReadAllBytes(path);
            var repaired = FitCrcRepair.Repair(input);
            foreach (var (variant, bytes) in new[] { ("as given", input), ("CRCs repaired", repaired) })
            {
                if (bytes is null)
                {
                    continue;
                }

                try
                {
                    Console.WriteLine($"{path} ({bytes.Length} bytes, {variant}): {FitImportTarget.Run(bytes)}");
                }
#pragma warning disable CA1031 // Any exception is what is being looked for here.
                catch (Exception e)
#pragma warning restore CA1031
                {
                    var signature = Signature(e);
                    Console.WriteLine($"{path} ({bytes.Length} bytes, {variant}): FINDING {signature}: {e.Message}");
                    if (!findings.TryGetValue(signature, out var inputs))
                    {
                        findings[signature] = inputs = [];
                        Console.WriteLine(e);
                    }

                    inputs.Add($"{path} ({variant})");
                }
            }
        }

        Console.WriteLine($"{paths.Count} input(s), {findings.Count} distinct finding(s)");
        foreach (var (signature, inputs) in findings)
        {
            Console.WriteLine($"  {signature}: {inputs.Count} input(s), e.g. {inputs[0]}");
        }

        return findings.Count == 0 ? 0 : 1;
    }

    /// <summary>
    /// The exception's type and the first of our methods on its stack: the framework method that threw is the same
    /// for every out-of-range argument, the caller that passed it is what tells two bugs apart.
    /// </summary>
    private static string Signature(Exception e)
    {
        while (e.InnerException is { } inner && e is not ImportBudgetExceededException)
        {
            e = inner;
        }

        var ours = new StackTrace(e).GetFrames()
            .Select(frame => frame.GetMethod())
            .FirstOrDefault(method => method?.DeclaringType?.FullName?.StartsWith("SkinProgress.", StringComparison.Ordinal) == true);
        var site = ours ?? e.TargetSite;
        return $"{e.GetType().FullName} in {site?.DeclaringType?.FullName}.{site?.Name}";
    }
}
