namespace SkinProgress.Sources;

/// <summary>Compares source names by their place in a ranking (first is highest); names outside it come after, by ordinal.</summary>
public sealed class SourceOrder(IReadOnlyList<string> ranking) : IComparer<string>
{
    private readonly Dictionary<string, int> places = ranking.Select((name, i) => (name, i))
        .DistinctBy(p => p.name, StringComparer.Ordinal).ToDictionary(p => p.name, p => p.i, StringComparer.Ordinal);

    public int Compare(string? x, string? y)
    {
        var px = x is not null && places.TryGetValue(x, out var a) ? a : int.MaxValue;
        var py = y is not null && places.TryGetValue(y, out var b) ? b : int.MaxValue;
        return px != py ? px.CompareTo(py) : string.CompareOrdinal(x, y);
    }
}
