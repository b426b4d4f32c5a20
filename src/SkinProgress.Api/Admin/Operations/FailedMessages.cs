using System.Globalization;
using System.Text;
using System.Text.Json;
using Microsoft.Extensions.Options;
using RabbitMQ.Client;
using SkinProgress.ServiceDefaults;

namespace SkinProgress.Api.Admin.Operations;

/// <summary>
/// Reads, replays and discards the messages in the error queues over AMQP. A look takes each message with basic.get
/// and gives it back (nack, requeue): nothing is consumed for good, and while one admin holds a message no other sees
/// it, so two admins cannot replay the same one.
/// <para>
/// A replay is a move: the message goes back to the queue it failed on (from MT-Fault-InputAddress, one of the work
/// queues only) without its fault headers, the broker confirms it durably, and only then is the error copy acked. A
/// crash between the two leaves the message in both queues, and the Worker then scores it twice; scoring is
/// idempotent (events are upserted on user, source and id, identical re-sends change nothing, and the day is
/// recomputed from what is stored), so the second scoring counts nothing more. Never the other way: no ack before the
/// confirm, so a replay cannot lose a message.
/// </para>
/// </summary>
public sealed class FailedMessages(IOptions<RabbitMqOptions> options, ILogger<FailedMessages> logger)
{
    /// <summary>A page to act on, not an export: the counts say how many more wait.</summary>
    public const int ListLimit = 200;

    private const string FaultHeaderPrefix = "MT-Fault-";
    private const string ReasonHeader = "MT-Reason";

    public static bool IsErrorQueue(string? queue) => queue is not null && BrokerQueues.ErrorQueues.Contains(queue);

    /// <summary>Up to <see cref="ListLimit"/> messages of each error queue, oldest first, all left where they were.</summary>
    public async Task<List<FailedMessage>> ListAsync(CancellationToken ct)
    {
        await using var connection = await BrokerQueues.Factory(options.Value, "skinprogress-operations").CreateConnectionAsync(ct);
        var messages = new List<FailedMessage>();
        foreach (var queue in BrokerQueues.ErrorQueues)
        {
            if (await BrokerQueues.InspectAsync(connection, queue, ct) is not { MessageCount: > 0 } counts)
            {
                continue;
            }

            await using var channel = await connection.CreateChannelAsync(cancellationToken: ct);
            var taken = new List<ulong>();
            try
            {
                while (taken.Count < Math.Min(counts.MessageCount, ListLimit) && await channel.BasicGetAsync(queue, autoAck: false, ct) is { } message)
                {
                    taken.Add(message.DeliveryTag);
                    messages.Add(Read(queue, message));
                }
            }
            finally
            {
                await GiveBackAsync(channel, taken);
            }
        }

        return messages;
    }

    /// <summary>Moves one message (by its MessageId) or, with none given, every message of the queue back to its work queue.</summary>
    public Task<int> ReplayAsync(string errorQueue, string? messageId, Guid adminKeyId, CancellationToken ct) =>
        ActAsync(errorQueue, messageId, adminKeyId, "replayed", async (channel, message) =>
        {
            var target = WorkQueueOf(message) ?? BrokerQueues.WorkQueueOf(errorQueue);
            var properties = new BasicProperties(message.BasicProperties)
            {
                Headers = message.BasicProperties.Headers?
                    .Where(h => !h.Key.StartsWith(FaultHeaderPrefix, StringComparison.Ordinal) && h.Key != ReasonHeader)
                    .ToDictionary(h => h.Key, h => h.Value),
            };
            // With confirmation tracking on, this returns once the broker has the message durably, and throws if it refuses.
            await channel.BasicPublishAsync("", target, mandatory: true, properties, message.Body, ct);
        }, ct);

    /// <summary>Drops one message (by its MessageId) or, with none given, every message of the queue.</summary>
    public Task<int> DiscardAsync(string errorQueue, string? messageId, Guid adminKeyId, CancellationToken ct) =>
        ActAsync(errorQueue, messageId, adminKeyId, "discarded", (_, _) => Task.CompletedTask, ct);

    private async Task<int> ActAsync(string errorQueue, string? messageId, Guid adminKeyId, string verb,
        Func<IChannel, BasicGetResult, Task> act, CancellationToken ct)
    {
        if (!IsErrorQueue(errorQueue))
        {
            throw new ArgumentException($"{errorQueue} is no error queue.", nameof(errorQueue));
        }

        await using var connection = await BrokerQueues.Factory(options.Value, "skinprogress-operations").CreateConnectionAsync(ct);
        if (await BrokerQueues.InspectAsync(connection, errorQueue, ct) is not { MessageCount: > 0 } counts)
        {
            return 0;
        }

        await using var channel = await connection.CreateChannelAsync(new CreateChannelOptions(
            publisherConfirmationsEnabled: true, publisherConfirmationTrackingEnabled: true), ct);
        var skipped = new List<ulong>();
        var done = new List<string>();
        try
        {
            // Bounded by what was there when the action began: a message failing anew meanwhile waits for the next look.
            for (var seen = 0u; seen < counts.MessageCount && await channel.BasicGetAsync(errorQueue, autoAck: false, ct) is { } message; seen++)
            {
                if (messageId is not null && message.BasicProperties.MessageId != messageId)
                {
                    skipped.Add(message.DeliveryTag);
                    continue;
                }

                await act(channel, message);
                await channel.BasicAckAsync(message.DeliveryTag, multiple: false, ct);
                done.Add(message.BasicProperties.MessageId ?? "(no id)");
                if (messageId is not null)
                {
                    break;
                }
            }
        }
        finally
        {
            await GiveBackAsync(channel, skipped);
            if (done.Count > 0)
            {
                logger.LogInformation("Admin key {AdminKeyId} {Action} {Count} message(s) from {Queue}: {MessageIds}",
                    adminKeyId, verb, done.Count, errorQueue, string.Join(", ", done));
            }
        }

        return done.Count;
    }

    private static async Task GiveBackAsync(IChannel channel, List<ulong> deliveryTags)
    {
        foreach (var tag in deliveryTags)
        {
            await channel.BasicNackAsync(tag, multiple: false, requeue: true, CancellationToken.None);
        }
    }

    private static FailedMessage Read(string queue, BasicGetResult message)
    {
        var failedAt = DateTimeOffset.TryParse(Header(message, "MT-Fault-Timestamp"), CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var at)
            ? at
            : (DateTimeOffset?)null;
        var type = Header(message, "MT-Fault-MessageType");
        return new FailedMessage(queue, message.BasicProperties.MessageId,
            type.Length > 0 ? type[(type.LastIndexOf(':') + 1)..] : "unknown",
            Header(message, "MT-Fault-Message"), Header(message, "MT-Fault-ExceptionType"), failedAt, Contents(message.Body));
    }

    /// <summary>The work queue named by MT-Fault-InputAddress (its last path segment), if it is one of ours.</summary>
    private static string? WorkQueueOf(BasicGetResult message) =>
        Uri.TryCreate(Header(message, "MT-Fault-InputAddress"), UriKind.Absolute, out var input)
        && input.Segments.LastOrDefault() is { } last && BrokerQueues.WorkQueues.Contains(last)
            ? last
            : null;

    private static string Header(BasicGetResult message, string name) =>
        message.BasicProperties.Headers is { } headers && headers.TryGetValue(name, out var value)
            ? value switch
            {
                byte[] bytes => Encoding.UTF8.GetString(bytes),
                null => "",
                _ => Convert.ToString(value, CultureInfo.InvariantCulture) ?? "",
            }
            : "";

    /// <summary>What the message is about, in words: the ids and how many events, read from MassTransit's envelope.</summary>
    private static string Contents(ReadOnlyMemory<byte> body)
    {
        try
        {
            using var envelope = JsonDocument.Parse(body);
            if (!envelope.RootElement.TryGetProperty("message", out var message) || message.ValueKind != JsonValueKind.Object)
            {
                return "not a MassTransit message";
            }

            var parts = new List<string>();
            foreach (var (property, label) in new[] { ("batchId", "batch"), ("runId", "run"), ("userId", "user"), ("weekStart", "week of") })
            {
                if (message.TryGetProperty(property, out var value) && value.ValueKind == JsonValueKind.String)
                {
                    parts.Add($"{label} {value.GetString()}");
                }
            }

            if (message.TryGetProperty("events", out var events) && events.ValueKind == JsonValueKind.Array)
            {
                parts.Add(events.GetArrayLength() == 1 ? "1 event" : $"{events.GetArrayLength()} events");
            }

            return parts.Count == 0 ? "no ids" : string.Join(" · ", parts);
        }
        catch (JsonException)
        {
            return "not JSON";
        }
    }
}
