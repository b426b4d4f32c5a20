namespace SkinProgress.Api.Admin.Operations;

/// <summary>A live connection whose provider refused the grant: nothing is fetched for it until its user connects again.</summary>
public sealed record ReauthorizationNeeded(Guid UserId, string Email, string Provider, DateTimeOffset Since);
