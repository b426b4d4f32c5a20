namespace SkinProgress.Api.Admin.Operations;

/// <summary>A device that used to sync and has been silent longer than <see cref="AdminEndpoints.StaleAfter"/>.</summary>
public sealed record StaleDevice(Guid DeviceId, Guid UserId, string Email, string Name, string Source, DateTimeOffset LastEventAt, DateTimeOffset? LastImportAt);
