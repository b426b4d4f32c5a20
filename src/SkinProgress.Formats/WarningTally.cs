namespace SkinProgress.Formats;

/// <summary>Counts skipped items by reason so a large export reports "412 records skipped", not 412 warnings.</summary>
internal sealed class WarningTally
{
    private readonly Dictionary<string, (string Message, int Count)> _counts = new(StringComparer.Ordinal);

    public void Add(string code, string message)
    {
        _counts[code] = _counts.TryGetValue(code, out var entry) ? (entry.Message, entry.Count + 1) : (message, 1);
    }

    public IEnumerable<ImportItem> Drain()
    {
        foreach (var (code, (message, count)) in _counts.OrderBy(p => p.Key, StringComparer.Ordinal))
        {
            yield return ImportItem.Of(new ImportWarning(code, message, count));
        }

        _counts.Clear();
    }
}
