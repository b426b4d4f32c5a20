namespace SkinProgress.Api.Admin.Operations;

/// <summary>
/// A message waiting in an error queue, as an admin reads it: where it failed, why (MassTransit's fault headers),
/// and what it carried. <see cref="MessageId"/> names it stably across looks, so an action acts on this one.
/// </summary>
public sealed record FailedMessage(
    string Queue,
    string? MessageId,
    string MessageType,
    string Reason,
    string ExceptionType,
    DateTimeOffset? FailedAt,
    string Contents);
