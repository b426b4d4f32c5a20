namespace SkinProgress.Connections;

/// <summary>One connected person at a provider, with a current access token.</summary>
public sealed record ProviderSession(string OwnerId, string AccessToken);
