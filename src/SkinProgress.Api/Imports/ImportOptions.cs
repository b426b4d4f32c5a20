using System.ComponentModel.DataAnnotations;

namespace SkinProgress.Api.Imports;

public sealed class ImportOptions : IValidatableObject
{
    public const string Section = "Imports";

    /// <summary>The largest file one import may send, checked on the bytes read (a chunked body has no length).</summary>
    [Range(1, long.MaxValue)]
    public long MaxBodyBytes { get; set; } = 512L * 1024 * 1024;

    /// <summary>
    /// The temporary-folder space all zip imports being spooled may hold together (default: four files of the
    /// default maximum). Past it an import is answered 503 with Retry-After: the space comes back as the others end.
    /// </summary>
    [Range(1, long.MaxValue)]
    public long MaxSpoolBytes { get; set; } = 2L * 1024 * 1024 * 1024;

    // A zip within the file limit must fit when it is spooled alone, or it could never be imported.
    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (MaxSpoolBytes < MaxBodyBytes)
        {
            yield return new ValidationResult($"{Section}:{nameof(MaxSpoolBytes)} must be at least {Section}:{nameof(MaxBodyBytes)}.",
                [nameof(MaxSpoolBytes)]);
        }
    }
}
