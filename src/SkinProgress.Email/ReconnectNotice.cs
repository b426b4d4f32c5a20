namespace SkinProgress.Email;

/// <summary>
/// The person's connections that stopped sharing data (their provider refused the grant), each said on a line of the
/// email, and the one link that opens a fresh connect page to connect them again.
/// </summary>
public sealed record ReconnectNotice(IReadOnlyList<StoppedConnection> Connections, string Url);

/// <summary>A provider, by the name a person knows, and the day it stopped sharing data.</summary>
public sealed record StoppedConnection(string DisplayName, DateOnly Since);
