using System.Net.Sockets;
using Hangfire;
using MailKit.Net.Smtp;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;
using Microsoft.Extensions.Options;
using Npgsql;
using SkinProgress.Data;
using MimeKit;
using SkinProgress.Email;
using SkinProgress.Email.Messages;

namespace SkinProgress.Worker.Summaries;

/// <summary>
/// Emails the chunk's stored summaries over one SMTP connection. Each summary row is locked (FOR UPDATE SKIP
/// LOCKED) while its mail is handed to SMTP and marked sent in the same transaction: a second server skips a row
/// being sent, a re-run or retry finds it sent, and an SMTP failure rolls back so Hangfire's retry sends it once
/// SMTP is back.
/// </summary>
public sealed class SendSummariesJob(
    SkinProgressDbContext db,
    IOptions<SmtpOptions> smtp,
    IOptions<EmailOptions> email,
    TimeProvider time,
    ILogger<SendSummariesJob> logger)
{
    [Queue(SummaryJobs.SendQueue)]
    [AutomaticRetry(Attempts = 20, DelaysInSeconds = [5, 10, 20, 30, 60, 120, 300, 600, 900, 1800])]
    public async Task RunAsync(DateOnly weekStart, Guid[] userIds, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(userIds);
        using var client = new SmtpClient();
        var sent = 0;
        try
        {
            foreach (var userId in userIds)
            {
                if (await SendOneAsync(client, userId, weekStart, ct))
                {
                    sent++;
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

        logger.LogInformation("Sent {Sent} weekly summaries of week {WeekStart}", sent, weekStart);
    }

    private async Task<bool> SendOneAsync(SmtpClient client, Guid userId, DateOnly weekStart, CancellationToken ct)
    {
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        var connection = (NpgsqlConnection)db.Database.GetDbConnection();
        await using var select = new NpgsqlCommand("""
            select s.html, s.text, s.chart_png, u.email, u.display_name, u.unsubscribe_token
            from weekly_summaries s join users u on u.id = s.user_id
            where s.user_id = @user and s.week_start = @week and s.sent_at is null and s.email_due and u.unsubscribed_at is null
            for update of s skip locked
            """, connection, (NpgsqlTransaction)transaction.GetDbTransaction());
        select.Parameters.AddWithValue("user", userId);
        select.Parameters.AddWithValue("week", weekStart);

        SummaryEmailEnvelope envelope;
        RenderedSummaryEmail rendered;
        byte[] chart;
        await using (var reader = await select.ExecuteReaderAsync(ct))
        {
            if (!await reader.ReadAsync(ct))
            {
                return false; // sent already, being sent by another server, unsubscribed, or erased
            }

            rendered = new RenderedSummaryEmail(reader.GetString(0), reader.GetString(1));
            chart = reader.GetFieldValue<byte[]>(2);
            var o = email.Value;
            var token = reader.GetString(5);
            var name = reader.IsDBNull(4) ? null : reader.GetString(4);
            envelope = new SummaryEmailEnvelope(
                new MailboxAddress(o.FromName, o.From),
                new MailboxAddress(name ?? "", reader.GetString(3)),
                SummaryEmail.Subject(weekStart),
                userId,
                weekStart,
                $"{o.PublicBaseUrl.TrimEnd('/')}/v1/unsubscribe/{token}",
                SummaryEmail.UnsubscribeMailto(o.UnsubscribeMailbox, token));
        }

        using var message = SummaryEmail.Build(rendered, chart, envelope);
        if (!client.IsConnected)
        {
            await ConnectAsync(client, smtp.Value, ct);
        }

        await client.SendAsync(message, ct);
        await db.WeeklySummaries.Where(w => w.UserId == userId && w.WeekStart == weekStart)
            .ExecuteUpdateAsync(u => u.SetProperty(w => w.SentAt, time.GetUtcNow()), ct);
        await transaction.CommitAsync(ct);
        return true;
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
