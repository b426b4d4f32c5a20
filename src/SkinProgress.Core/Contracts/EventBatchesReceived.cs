namespace SkinProgress.Contracts;

/// <summary>
/// Several accepted ingest requests published as one message: the Api gathers the batches of requests that arrive
/// while its previous publish is still waiting for the broker, so the broker's and the Worker's price per message
/// is paid once for all of them. Each batch keeps its own id, user, device, source and time, and is scored exactly
/// as if it had come alone.
/// </summary>
public sealed record EventBatchesReceived(IReadOnlyList<EventBatchReceived> Batches);
