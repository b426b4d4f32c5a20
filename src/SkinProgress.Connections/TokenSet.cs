namespace SkinProgress.Connections;

/// <summary>A provider's tokens; <c>ExpiresAt</c> is null for a token the provider never expires.</summary>
public sealed record TokenSet(string AccessToken, string? RefreshToken, DateTimeOffset? ExpiresAt);
