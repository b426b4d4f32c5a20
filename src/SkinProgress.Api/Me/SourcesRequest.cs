using SkinProgress.Sources;

namespace SkinProgress.Api.Me;

/// <summary>
/// The user's source order per data type, highest first. A type left out ranks by default; a list names each source
/// at most once, and only sources a device can have: a misspelt name would otherwise rank nothing, silently.
/// </summary>
public sealed record SourcesRequest(IReadOnlyList<string?>? Workout = null, IReadOnlyList<string?>? Weight = null, IReadOnlyList<string?>? Nutrition = null)
{
    public Dictionary<string, string[]> Validate()
    {
        var errors = new Dictionary<string, string[]>(StringComparer.Ordinal);
        foreach (var (field, list) in new[] { ("workout", Workout), ("weight", Weight), ("nutrition", Nutrition) })
        {
            if (list is null)
            {
                continue;
            }

            var problems = new List<string>();
            if (list.Any(name => name is null || !DeviceSources.All.Contains(name)))
            {
                problems.Add($"Each must be one of: {string.Join(", ", DeviceSources.All)}.");
            }

            if (list.OfType<string>().GroupBy(name => name, StringComparer.Ordinal).FirstOrDefault(g => g.Count() > 1) is { } repeated)
            {
                problems.Add($"Each source at most once; '{repeated.Key}' is repeated.");
            }

            if (problems.Count > 0)
            {
                errors[field] = [.. problems];
            }
        }

        return errors;
    }

    /// <summary>Only after <see cref="Validate"/> found nothing: every name is then a known source.</summary>
    public SourcePriorities ToPriorities() => new([.. Workout?.OfType<string>() ?? []], [.. Weight?.OfType<string>() ?? []], [.. Nutrition?.OfType<string>() ?? []]);
}
