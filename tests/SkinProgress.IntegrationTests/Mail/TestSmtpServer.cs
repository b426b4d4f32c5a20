using System.Buffers;
using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;
using MimeKit;
using SmtpServer;
using SmtpServer.ComponentModel;
using SmtpServer.Mail;
using SmtpServer.Protocol;
using SmtpServer.Storage;

namespace SkinProgress.IntegrationTests.Mail;

/// <summary>
/// A real SMTP server (the SmtpServer library speaking the protocol over TCP) inside the test process, on a
/// loopback port of its own. Tests read what arrived, and stop and restart it to simulate an SMTP outage, make it
/// refuse a recipient, or make it go away after a number of messages.
/// </summary>
public sealed class TestSmtpServer : IAsyncDisposable
{
    private readonly ConcurrentQueue<MimeMessage> _received = new();
    private readonly ConcurrentDictionary<string, SmtpReplyCode> _refused = new(StringComparer.OrdinalIgnoreCase);
    private readonly Outage _outage = new();
    private CancellationTokenSource? _stop;
    private Task? _running;

    public int Port { get; } = FreePort();

    public IReadOnlyCollection<MimeMessage> Received => _received;

    public IReadOnlyList<MimeMessage> To(string address) =>
        [.. _received.Where(m => m.To.Mailboxes.Any(a => string.Equals(a.Address, address, StringComparison.OrdinalIgnoreCase)))];

    /// <summary>Answers RCPT TO for this address with <paramref name="reply"/> (550 "mailbox unavailable" unless told).</summary>
    public void Refuse(string address, SmtpReplyCode reply = SmtpReplyCode.MailboxUnavailable) => _refused[address] = reply;

    public void Accept(string address) => _refused.TryRemove(address, out _);

    /// <summary>
    /// Takes this many more messages, then answers every recipient with 421 and closes the connection, as a server
    /// going away does, until <see cref="EndOutage"/>.
    /// </summary>
    public void FailAfter(int messages) => _outage.Arm(messages);

    public void EndOutage() => _outage.End();

    public void Start()
    {
        var options = new SmtpServerOptionsBuilder()
            .ServerName("localhost")
            .Endpoint(e => e.Endpoint(new IPEndPoint(IPAddress.Loopback, Port)).IsSecure(false))
            .Build();
        var services = new ServiceProvider();
        services.Add(new Store(_received, _outage));
        services.Add(new Recipients(_refused, _outage));
        _stop = new CancellationTokenSource();
        _running = new SmtpServer.SmtpServer(options, services).StartAsync(_stop.Token);
    }

    public async Task StopAsync()
    {
        if (_stop is null)
        {
            return;
        }

        await _stop.CancelAsync();
        try
        {
            await _running!;
        }
        catch (OperationCanceledException)
        {
            // stopping is the point
        }

        _stop.Dispose();
        _stop = null;
    }

    public async ValueTask DisposeAsync() => await StopAsync();

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    private sealed class Store(ConcurrentQueue<MimeMessage> received, Outage outage) : MessageStore
    {
        public override async Task<SmtpResponse> SaveAsync(ISessionContext context, IMessageTransaction transaction, ReadOnlySequence<byte> buffer, CancellationToken cancellationToken)
        {
            using var stream = new MemoryStream(buffer.ToArray());
            received.Enqueue(await MimeMessage.LoadAsync(stream, cancellationToken));
            outage.Count();
            return SmtpResponse.Ok;
        }
    }

    private sealed class Recipients(ConcurrentDictionary<string, SmtpReplyCode> refused, Outage outage) : MailboxFilter
    {
        public override Task<bool> CanDeliverToAsync(ISessionContext context, IMailbox to, IMailbox from, CancellationToken cancellationToken)
        {
            if (outage.IsDown)
            {
                throw new SmtpResponseException(new SmtpResponse(SmtpReplyCode.ServiceUnavailable, "service not available, closing transmission channel"), quit: true);
            }

            if (refused.TryGetValue(to.AsAddress(), out var reply))
            {
                throw new SmtpResponseException(new SmtpResponse(reply, $"<{to.AsAddress()}>: refused by the test server"));
            }

            return Task.FromResult(true);
        }
    }

    /// <summary>Messages still taken before the server goes away; none armed, it never does.</summary>
    private sealed class Outage
    {
        private int _left = int.MaxValue;

        public bool IsDown => Volatile.Read(ref _left) <= 0;

        public void Arm(int messages) => Volatile.Write(ref _left, messages);

        public void End() => Volatile.Write(ref _left, int.MaxValue);

        public void Count()
        {
            if (Volatile.Read(ref _left) != int.MaxValue)
            {
                Interlocked.Decrement(ref _left);
            }
        }
    }
}
