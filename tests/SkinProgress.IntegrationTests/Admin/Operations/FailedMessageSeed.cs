using System.Globalization;
using MassTransit;
using Microsoft.Extensions.DependencyInjection;
using SkinProgress.Contracts;

namespace SkinProgress.IntegrationTests.Admin.Operations;

/// <summary>
/// Puts a batch into <c>scoring_error</c> as MassTransit leaves one after its retries: the message with its fault
/// headers. A valid batch, so a replay can succeed where the first attempt (say, a database outage) did not.
/// </summary>
public static class FailedMessageSeed
{
    public const string Reason = "Npgsql.NpgsqlException: Failed to connect to 127.0.0.1:5432";

    public static async Task<(EventBatchReceived Batch, Guid MessageId)> FailedBatchAsync(this SkinProgressFixture fixture, TestUser user, string eventId)
    {
        var now = DateTimeOffset.UtcNow;
        var batch = new EventBatchReceived(Guid.NewGuid(), user.Id, user.DeviceId, "garmin", now,
            [new HealthEvent(eventId, "hydration", now.AddMinutes(-5), Hydration: new Hydration(250))]);
        var messageId = await fixture.SendToErrorQueueAsync(batch);
        return (batch, messageId);
    }

    /// <summary>Sends the message to scoring_error with MassTransit's fault headers; returns its MessageId.</summary>
    public static async Task<Guid> SendToErrorQueueAsync(this SkinProgressFixture fixture, EventBatchReceived batch)
    {
        var messageId = NewId.NextGuid();
        var bus = fixture.Api.Services.GetRequiredService<IBus>();
        var endpoint = await bus.GetSendEndpoint(new Uri("queue:scoring_error"));
        await endpoint.Send(batch, send =>
        {
            send.MessageId = messageId;
            send.Headers.Set(MessageHeaders.Reason, "fault");
            send.Headers.Set(MessageHeaders.FaultExceptionType, "Npgsql.NpgsqlException");
            send.Headers.Set(MessageHeaders.FaultMessage, Reason);
            send.Headers.Set(MessageHeaders.FaultTimestamp, DateTimeOffset.UtcNow.ToString("O", CultureInfo.InvariantCulture));
            send.Headers.Set(MessageHeaders.FaultInputAddress, "rabbitmq://localhost/scoring");
            send.Headers.Set(MessageHeaders.FaultMessageType, MessageUrn.ForTypeString<EventBatchReceived>());
        });
        return messageId;
    }

    /// <summary>The day of the batch's event for a fixture user (Europe/London), as /v1/me/days names it.</summary>
    public static string LocalDate(EventBatchReceived batch) =>
        TimeZoneInfo.ConvertTime(batch.Events[0].OccurredAt, TimeZoneInfo.FindSystemTimeZoneById("Europe/London")).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
}
