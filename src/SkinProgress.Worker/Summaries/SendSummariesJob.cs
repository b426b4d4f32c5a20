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
/// Emails the chunk's stored summaries over one SMTP connection, a batch of them per transaction. The batch's summary
/// rows are locked (FOR UPDATE SKIP LOCKED) while their mails are handed to SMTP and marked sent or failed in the same
/// transaction: a second server skips rows being sent, a re-run or retry finds them sent. Whatever ends a batch early
/// (an SMTP outage, cancellation), the mails already handed to SMTP are marked before the job fails, so Hangfire's
/// retry sends only the rest. One transaction per batch instead of per email: the claim, the mark and the commit
/// are paid once for <see cref="SendBatch"/> emails.
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
    /// <summary>
    /// Emails per transaction. Only a batch whose commit never happens after its mails were accepted (the Worker
    /// killed, the database gone mid-batch) is sent again by the retry, so this bounds that rare repeat, as one
    /// transaction per email bounded it to one; 20 already cuts the per-email claim, mark and commit to a twentieth.
    /// </summary>
    public const int SendBatch = 20;

    public async Task RunAsync(DateOnly weekStart, Guid[] userIds, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(userIds);
        using var client = new SmtpClient();
        var tally = new Tally();
        try
        {
            foreach (var batch in userIds.Chunk(SendBatch))
            {
                await SendBatchAsync(client, weekStart, batch, tally, ct);
            }
        }
        finally
        {
            if (client.IsConnected)
            {
                await client.DisconnectAsync(quit: true, CancellationToken.None);
            }
        }

        logger.LogInformation("Week {WeekStart}: sent {Sent} weekly summaries, {Failed} failed, {Deferred} deferred",
            weekStart, tally.Sent, tally.Failed, tally.Deferred);
        SummaryMetrics.CountEmails(tally.Sent, tally.Failed);
        // Failing the job is what gets the deferred ones retried; the sent and failed ones are skipped then.
        tally.FirstDeferral?.Throw();
    }

    private async Task SendBatchAsync(SmtpClient client, DateOnly weekStart, Guid[] userIds, Tally tally, CancellationToken ct)
    {
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        // Sent, or failed and marked so, in this transaction: committed however the batch ends.
        var sent = new List<Guid>(userIds.Length);
        var marked = 0;
        try
        {
            // Sent or failed already, being sent by another server, unsubscribed, or erased: not claimed.
            foreach (var claimed in await summaries.ClaimForSendingAsync(weekStart, userIds, ct))
            {
                try
                {
                    if (await SendOneAsync(client, claimed, weekStart, ct) is { } failure)
                    {
                        await summaries.MarkFailedAsync(claimed.UserId, weekStart, time.GetUtcNow(), failure.Reason, ct);
                        logger.LogWarning("Weekly summary of {UserId} for {WeekStart} not sent: {Reason}", claimed.UserId, weekStart, failure.LogReason);
                        marked++;
                        tally.Failed++;
                    }
                    else
                    {
                        sent.Add(claimed.UserId);
                    }
                }
                catch (SmtpCommandException e) when (Classify(e) == Refusal.Temporary)
                {
                    // This recipient, for now: the rest of the chunk goes on, and the retry tries this one again.
                    tally.Deferred++;
                    tally.FirstDeferral ??= ExceptionDispatchInfo.Capture(e);
                }
            }
        }
        catch (Exception e) when (sent.Count + marked > 0)
        {
            // The mails handed to SMTP before the outage must be marked, or the retry would send them again.
            try
            {
                await CommitAsync(transaction, weekStart, sent);
            }
            catch (Exception commitError)
            {
                throw new AggregateException(e, commitError);
            }

            tally.Sent += sent.Count;
            throw;
        }

        await CommitAsync(transaction, weekStart, sent);
        tally.Sent += sent.Count;
    }

    /// <summary>Marks the batch's sent summaries and commits, even when the job is being cancelled: they went out.</summary>
    private async Task CommitAsync(IDbContextTransaction transaction, DateOnly weekStart, List<Guid> sent)
    {
        if (sent.Count > 0)
        {
            await summaries.MarkSentAsync(weekStart, sent, time.GetUtcNow(), CancellationToken.None);
        }

        await transaction.CommitAsync(CancellationToken.None);
    }

    /// <summary>Hands one claimed summary to SMTP; the reason it failed for good, or null when it was accepted.</summary>
    private async Task<SendFailure?> SendOneAsync(SmtpClient client, ClaimedSummary claimed, DateOnly weekStart, CancellationToken ct)
    {
        // Stored before addresses were checked with the rules that send them, an address may be no mailbox at all.
        if (!EmailAddress.TryParse(claimed.Email, out var to, out var problem))
        {
            return new SendFailure($"Unusable address: {problem}", "unusable address");
        }

        var o = email.Value;
        var envelope = new SummaryEmailEnvelope(
            new MailboxAddress(o.FromName, o.From),
            to.ToMailbox(claimed.DisplayName),
            SummaryEmail.Subject(weekStart),
            claimed.UserId,
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
            return null;
        }
        catch (SmtpCommandException e) when (Classify(e) == Refusal.Permanent)
        {
            // MailKit has reset the SMTP transaction (RSET), so the connection carries on with the next message.
            return new SendFailure($"Refused by the SMTP server: {(int)e.StatusCode} {e.Message}", $"SMTP {(int)e.StatusCode}");
        }
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

    /// <summary>Why a summary will not be sent: the reason admins see, and the log's, which names no address.</summary>
    private sealed record SendFailure(string Reason, string LogReason);

    /// <summary>The job's counts, and the first temporary refusal, rethrown at the end so the job is retried.</summary>
    private sealed class Tally
    {
        public int Sent { get; set; }

        public int Failed { get; set; }

        public int Deferred { get; set; }

        public ExceptionDispatchInfo? FirstDeferral { get; set; }
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
