using SkinProgress.Contracts;

namespace SkinProgress.Formats;

/// <summary>One step of a read: either an event or a warning about something that was skipped.</summary>
/// <remarks>Events and warnings share one lazy sequence so a huge file is read once, in order, without buffering.</remarks>
public sealed class ImportItem
{
    private ImportItem(HealthEvent? healthEvent, ImportWarning? warning)
    {
        Event = healthEvent;
        Warning = warning;
    }

    public HealthEvent? Event { get; }

    public ImportWarning? Warning { get; }

    public static ImportItem Of(HealthEvent healthEvent) => new(healthEvent, null);

    public static ImportItem Of(ImportWarning warning) => new(null, warning);
}

/// <summary>Something the reader skipped; <see cref="Count"/> aggregates repeats so a big export yields few warnings.</summary>
public sealed record ImportWarning(string Code, string Message, int Count = 1);
