using System.Globalization;
using MassTransit;
using SkinProgress.Contracts;
using SkinProgress.ServiceDefaults;
using SkinProgress.Validation;

namespace SkinProgress.Worker.Scoring;

/// <summary>
/// Sends the events that could not be stored to <c>scoring_error</c>, where MassTransit also moves messages that
/// keep failing, with the same fault headers, so admins read and replay both the same way.
/// </summary>
public static class RejectedEvents
{
    public static readonly string ErrorQueueName = BrokerQueues.ErrorQueueOf(BrokerQueues.Scoring);

    /// <summary>AMQP carries long headers, but the people reading them do not.</summary>
    private const int MaxReasonLength = 4000;

    public static async Task SendAsync(ConsumeContext context, EventBatchReceived rejectedOnly, IReadOnlyList<RejectedEvent> rejected, TimeProvider time)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(rejectedOnly);
        ArgumentNullException.ThrowIfNull(rejected);
        var reason = string.Join(" | ", rejected.Select(r => $"event {TextRules.Printable(r.Event.Id ?? "")}: {r.Reason}"));
        if (reason.Length > MaxReasonLength)
        {
            reason = reason[..MaxReasonLength] + "…";
        }

        var endpoint = await context.GetSendEndpoint(new Uri($"queue:{ErrorQueueName}"));
        await endpoint.Send(rejectedOnly, send =>
        {
            send.Headers.Set(MessageHeaders.Reason, "fault");
            send.Headers.Set(MessageHeaders.FaultExceptionType, "SkinProgress.RejectedEvents");
            send.Headers.Set(MessageHeaders.FaultMessage, $"{rejected.Count} of the message's events could not be stored; the others were. {reason}");
            send.Headers.Set(MessageHeaders.FaultTimestamp, time.GetUtcNow().ToString("O", CultureInfo.InvariantCulture));
            send.Headers.Set(MessageHeaders.FaultInputAddress, context.ReceiveContext.InputAddress.ToString());
            send.Headers.Set(MessageHeaders.FaultMessageType, MessageUrn.ForTypeString<EventBatchReceived>());
        }, context.CancellationToken);
    }
}
