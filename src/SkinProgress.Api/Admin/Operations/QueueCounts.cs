namespace SkinProgress.Api.Admin.Operations;

/// <summary>One queue's depth and consumers, as the pipeline page shows them.</summary>
public sealed record QueueCounts(string Queue, bool IsErrorQueue, uint Messages, uint Consumers);
