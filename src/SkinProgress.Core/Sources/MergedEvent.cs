namespace SkinProgress.Sources;

/// <summary>An event that counted on no day because <paramref name="MergedInto"/>, from a source ranked higher, is the same real thing.</summary>
public sealed record MergedEvent(string Type, EventKey Event, EventKey MergedInto);
