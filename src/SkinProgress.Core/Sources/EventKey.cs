namespace SkinProgress.Sources;

/// <summary>A stored event's identity for a user: its source name and the source's own id (latest wins under it).</summary>
public readonly record struct EventKey(string Source, string Id);
