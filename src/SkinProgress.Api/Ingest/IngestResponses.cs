namespace SkinProgress.Api.Ingest;

public sealed record EventResult(string? Id, string Status, IReadOnlyDictionary<string, string[]>? Errors = null)
{
    public const string Accepted = "accepted";
    public const string Duplicate = "duplicate";
    public const string Rejected = "rejected";
}

public sealed record IngestResponse(Guid BatchId, int Accepted, int Duplicates, int Rejected, IReadOnlyList<EventResult> Results);
