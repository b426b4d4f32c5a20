namespace SkinProgress.Data.Users;

/// <summary>A device's latest accepted event, and latest accepted import if any, in a group of stored messages.</summary>
public readonly record struct DeviceActivity(Guid DeviceId, DateTimeOffset LastEventAt, DateTimeOffset? LastImportAt);
