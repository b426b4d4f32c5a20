namespace SkinProgress.Contracts;

/// <summary>
/// One accepted ingest request (or one chunk of an import): the valid events of a device,
/// owned by the user the device key belongs to. Published once per request, after validation;
/// <c>ImportId</c> is set on the chunks of a file import.
/// </summary>
public sealed record EventBatchReceived(
    Guid BatchId,
    Guid UserId,
    Guid DeviceId,
    string Source,
    DateTimeOffset ReceivedAt,
    IReadOnlyList<HealthEvent> Events,
    Guid? ImportId = null);
