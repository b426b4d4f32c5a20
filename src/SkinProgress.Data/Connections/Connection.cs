namespace SkinProgress.Data.Connections;

/// <summary>
/// A person's account at a provider, connected through OAuth. Its events arrive as ordinary events of
/// <see cref="DeviceId"/>, a device whose source is the provider's name. The tokens are stored only as Data Protection
/// payloads (<see cref="ConnectionTokens"/>). One row per user and provider, re-activated when the person connects
/// again; a disconnected row keeps no tokens.
/// </summary>
public sealed class Connection
{
    public Guid Id { get; set; }
    public Guid UserId { get; set; }

    /// <summary>The provider's lower-case name.</summary>
    public required string Provider { get; set; }

    /// <summary>The person's id at the provider: what its webhooks name.</summary>
    public required string OwnerId { get; set; }

    public Guid DeviceId { get; set; }

    /// <summary>One of <see cref="ConnectionStates"/>.</summary>
    public required string State { get; set; }

    public string? ProtectedAccessToken { get; set; }
    public string? ProtectedRefreshToken { get; set; }

    /// <summary>When the access token expires; null when the provider never expires it.</summary>
    public DateTimeOffset? ExpiresAt { get; set; }

    public DateTimeOffset ConnectedAt { get; set; }
    public DateTimeOffset? LastSyncAt { get; set; }

    /// <summary>The range the backfill fetches, in whole days from <see cref="BackfillFrom"/>.</summary>
    public DateTimeOffset BackfillFrom { get; set; }
    public DateTimeOffset BackfillTo { get; set; }
    public int BackfillDaysDone { get; set; }

    public DateTimeOffset UpdatedAt { get; set; }

    /// <summary>Set when the person disconnected; the row stays so connecting again re-uses its device.</summary>
    public DateTimeOffset? RemovedAt { get; set; }

    public int BackfillDaysTotal => (int)Math.Ceiling((BackfillTo - BackfillFrom).TotalDays);
}
