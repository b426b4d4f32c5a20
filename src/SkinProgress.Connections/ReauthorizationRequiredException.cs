namespace SkinProgress.Connections;

/// <summary>The provider refused the grant (a refused refresh, a revoked token): the person must connect again.</summary>
public sealed class ReauthorizationRequiredException(string message) : Exception(message);
