using System.Net.Sockets;
using System.Runtime.ExceptionServices;
using MailKit.Net.Smtp;
using Microsoft.EntityFrameworkCore.Storage;
using Microsoft.Extensions.Options;
using MimeKit;
using SkinProgress.Data;
using SkinProgress.Data.Summaries;
using SkinProgress.Email;
using SkinProgress.Email.Addresses;
using SkinProgress.Email.Messages;
using SkinProgress.ServiceDefaults.Jobs;

namespace SkinProgress.Worker.Summaries;

/// <summary>
/// Emails the chunk's stored summaries over one SMTP connection. Each summary row is locked (FOR UPDATE SKIP
/// LOCKED) while its mail is handed to SMTP and marked sent in the same transaction: a second server skips a row
/// being sent, a re-run or retry finds it sent, and an SMTP failure rolls back so Hangfire's retry sends it once
/// SMTP is back.
/// <para>
/// Sends are isolated per recipient. A stored address that is no single mailbox, or a permanent (5xx) refusal of
/// the recipient or the message, marks that summary failed with its reason and the loop goes on; a temporary (4xx)
/// refusal of one recipient leaves it for the retry, after the rest of the chunk is sent. Anything that is the
/// service's rather than the recipient's (no connection, a broken session, 421, a refused sender) ends the job at
/// once so Hangfire retries the chunk.
/// </para>
/// </summary>
public sealed class SendSummariesJob(
    SkinProgressDbContext db,
    WeeklySummaryStatements summaries,
    IOptions<SmtpOptions> smtp,
    IOptions<EmailOptions> email,
    TimeProvider time,
    ILogger<SendSummariesJob> logger) : ISendSummaries
{
    public async Task RunAsync(DateOnly weekStart, Guid[] userIds, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(userIds);
        using var client = new SmtpClient();
        int sent = 0, failed = 0, deferred = 0;
        ExceptionDispatchInfo? firstDeferral = null;
        try
        {
            foreach (var userId in userIds)
            {
                try
                {
                    switch (await SendOneAsync(client, userId, weekStart, ct))
                    {
                        case Outcome.Sent:
                            sent++;
                            break;
                        case Outcome.Failed:
                            failed++;
                            break;
                    }
                }
                catch (SmtpCommandException e) when (Classify(e) == Refusal.Temporary)
                {
                    // This recipient, for now: the rest of the chunk goes on, and the retry tries this one again.
                    deferred++;
                    firstDeferral ??= ExceptionDispatchInfo.Capture(e);
                }
            }
        }
        finally
        {
            if (client.IsConnected)
            {
                await client.DisconnectAsync(quit: true, CancellationToken.None);
            }
        }

        logger.LogInformation("Week {WeekStart}: sent {Sent} weekly summaries, {Failed} failed, {Deferred} deferred", weekStart, sent, failed, deferred);
        SummaryMetrics.CountEmails(sent, failed);
        // Failing the job is what gets the deferred ones retried; the sent and failed ones are skipped then.
        firstDeferral?.Throw();
    }

    private async Task<Outcome> SendOneAsync(SmtpClient client, Guid userId, DateOnly weekStart, CancellationToken ct)
    {
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        if (await summaries.ClaimForSendingAsync(userId, weekStart, ct) is not { } claimed)
        {
            return Outcome.Skipped; // sent or failed already, being sent by another server, unsubscribed, or erased
        }

        // Stored before addresses were checked with the rules that send them, an address may be no mailbox at all.
        if (!EmailAddress.TryParse(claimed.Email, out var to, out var problem))
        {
            return await FailAsync(transaction, userId, weekStart, $"Unusable address: {problem}", "unusable address", ct);
        }

        var o = email.Value;
        var envelope = new SummaryEmailEnvelope(
            new MailboxAddress(o.FromName, o.From),
            to.ToMailbox(claimed.DisplayName),
            SummaryEmail.Subject(weekStart),
            userId,
            weekStart,
            $"{o.PublicBaseUrl.TrimEnd('/')}/v1/unsubscribe/{claimed.UnsubscribeToken}",
            SummaryEmail.UnsubscribeMailto(o.UnsubscribeMailbox, claimed.UnsubscribeToken));

        using var message = SummaryEmail.Build(new RenderedSummaryEmail(claimed.Html, claimed.Text), claimed.ChartPng, envelope);
        if (!client.IsConnected)
        {
            await ConnectAsync(client, smtp.Value, ct);
        }

        try
        {
            await client.SendAsync(message, ct);
        }
        catch (SmtpCommandException e) when (Classify(e) == Refusal.Permanent)
        {
            // MailKit has reset the SMTP transaction (RSET), so the connection carries on with the next message.
            return await FailAsync(transaction, userId, weekStart, $"Refused by the SMTP server: {(int)e.StatusCode} {e.Message}",
                $"SMTP {(int)e.StatusCode}", ct);
        }

        await summaries.MarkSentAsync(userId, weekStart, time.GetUtcNow(), ct);
        await transaction.CommitAsync(ct);
        return Outcome.Sent;
    }

    /// <summary>Marks the locked row failed for good, with the reason admins see; the log gets no address.</summary>
    private async Task<Outcome> FailAsync(IDbContextTransaction transaction, Guid userId, DateOnly weekStart, string reason, string logReason, CancellationToken ct)
    {
        await summaries.MarkFailedAsync(userId, weekStart, time.GetUtcNow(), reason, ct);
        await transaction.CommitAsync(ct);
        logger.LogWarning("Weekly summary of {UserId} for {WeekStart} not sent: {Reason}", userId, weekStart, logReason);
        return Outcome.Failed;
    }

    /// <summary>
    /// Whose a refusal is. A 5xx to RCPT TO or to the message is this recipient's or this message's, and final; any
    /// other 4xx there is theirs for now. 421 is the server going away whatever the command, and a refused MAIL FROM
    /// is our sender's, so every message's: those, and any other reply out of place, are the service's.
    /// </summary>
    private static Refusal Classify(SmtpCommandException e) => e switch
    {
        { StatusCode: SmtpStatusCode.ServiceNotAvailable } => Refusal.Service,
        { ErrorCode: SmtpErrorCode.RecipientNotAccepted or SmtpErrorCode.MessageNotAccepted, StatusCode: >= (SmtpStatusCode)500 } => Refusal.Permanent,
        { ErrorCode: SmtpErrorCode.RecipientNotAccepted or SmtpErrorCode.MessageNotAccepted, StatusCode: >= (SmtpStatusCode)400 } => Refusal.Temporary,
        _ => Refusal.Service,
    };

    private enum Outcome
    {
        Skipped,
        Sent,
        Failed,
    }

    private enum Refusal
    {
        Permanent,
        Temporary,
        Service,
    }

    /// <summary>
    /// Connects over a socket without Nagle's delay. MailKit's own connect leaves it on, and the small write that
    /// ends each message's DATA then waits for the server's delayed ACK (~40 ms): with one connection per job and
    /// one message after another, that capped a job at ~20 emails/s whatever the server's speed.
    /// </summary>
    private static async Task ConnectAsync(SmtpClient client, SmtpOptions s, CancellationToken ct)
    {
        var socket = new Socket(SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
        try
        {
            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(ct);
            timeout.CancelAfter(client.Timeout);
            await socket.ConnectAsync(s.Host, s.Port, timeout.Token);
            await client.ConnectAsync(socket, s.Host, s.Port, s.Security, ct);
        }
        catch
        {
            socket.Dispose();
            throw;
        }

        if (!string.IsNullOrEmpty(s.Username))
        {
            await client.AuthenticateAsync(s.Username, s.Password ?? "", ct);
        }
    }
}
