using System.Diagnostics;
using SkinProgress.Events;
using SkinProgress.Formats;

namespace SkinProgress.Fuzz.Fit;

/// <summary>
/// One input through what <c>POST /v1/imports</c> does with an upload: format detection on the head, the FIT
/// reader enumerated to its end, every event held to the event contract's
/// validator, as an import does. A <see cref="BrokenFileException"/> is the
/// Api's 422, a correct answer to a broken file; any other exception would be a 500 and is a finding, and so is
/// work out of proportion to the input (<see cref="ImportBudget"/>).
/// </summary>
internal static class FitImportTarget
{
    /// <summary>Fixed, so that whether an event is rejected as too far in the future never depends on the day of the run.</summary>
    private static readonly DateTimeOffset Now = new(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);

    /// <summary>
    /// Reads the input as given and, when its CRCs are wrong, once more with them repaired: a random mutation
    /// almost never keeps a CRC right, and without the second read everything behind the CRC check (the activity
    /// summaries, the events) would be out of the fuzzer's reach.
    /// </summary>
    public static void RunAsGivenAndRepaired(byte[] input)
    {
        Run(input);
        if (FitCrcRepair.Repair(input) is { } repaired)
        {
            Run(repaired);
        }
    }

    /// <exception cref="ImportBudgetExceededException">The read took more time, memory or events than the input justifies.</exception>
    public static ImportOutcome Run(byte[] input)
    {
        ArgumentNullException.ThrowIfNull(input);
        if (FileFormatDetector.Detect(input.AsSpan(0, Math.Min(input.Length, FileFormatDetector.HeadLength))) != FileFormat.Fit)
        {
            return ImportOutcome.NotFit;
        }

        var budget = ImportBudget.Start(input.Length);
        int events = 0, rejected = 0, warnings = 0;
        try
        {
            using var stream = new MemoryStream(input, writable: false);
            foreach (var item in ActivityFileReader.Read(stream, FileFormat.Fit))
            {
                if (item.Event is { } healthEvent)
                {
                    events++;
                    if (!EventValidator.Validate(healthEvent, Now).IsValid)
                    {
                        rejected++;
                    }
                }
                else
                {
                    Debug.Assert(item.Warning is not null, "An item is an event or a warning.");
                    warnings++;
                }

                budget.Check(events + warnings);
            }
        }
        catch (BrokenFileException e) when (!string.IsNullOrEmpty(e.Problem) && !string.IsNullOrEmpty(e.Message))
        {
            budget.Check(events + warnings);
            return new ImportOutcome(true, events, rejected, warnings, e.Problem, budget.AllocatedBytes, budget.Elapsed);
        }

        budget.Check(events + warnings);
        return new ImportOutcome(true, events, rejected, warnings, null, budget.AllocatedBytes, budget.Elapsed);
    }
}
