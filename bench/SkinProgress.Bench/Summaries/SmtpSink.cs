using System.Buffers;
using System.Collections.Concurrent;
using System.Diagnostics;
using System.IO.Pipelines;
using System.Net;
using System.Net.Sockets;
using System.Security.Authentication;
using System.Security.Cryptography.X509Certificates;
using SmtpServer;
using SmtpServer.ComponentModel;
using SmtpServer.IO;
using SmtpServer.Net;
using SmtpServer.Protocol;
using SmtpServer.Storage;

namespace SkinProgress.Bench.Summaries;

/// <summary>
/// The local SMTP server the Worker mails to, in the bench process: counts messages and recipients (a recipient
/// seen twice is a duplicate email) and keeps the first few messages' bytes so they can be parsed afterwards.
/// Parsing every message here would make the bench client, not the Worker, the cost being measured.
/// Its sockets send without Nagle's delay: the library's own listener leaves it on, and its replies to a
/// pipelined MAIL/RCPT/DATA then wait for the client's delayed ACK, ~40 ms twice per message (11 messages/s
/// per connection however small), which would measure the sink instead of the Worker.
/// </summary>
public sealed class SmtpSink : IAsyncDisposable
{
    private const int Kept = 20;

    private readonly ConcurrentDictionary<string, int> recipients = new(StringComparer.OrdinalIgnoreCase);
    private readonly ConcurrentQueue<(string Recipient, byte[] Message)> samples = new();
    private readonly CancellationTokenSource stop = new();
    private long messages;
    private long bytes;
    private long lastAt;
    private Task? running;

    public long Messages => Interlocked.Read(ref messages);

    public long Bytes => Interlocked.Read(ref bytes);

    public int Duplicates => recipients.Values.Count(c => c > 1);

    /// <summary>When the latest message arrived (Stopwatch timestamp), 0 before the first.</summary>
    public long LastAt => Interlocked.Read(ref lastAt);

    public IReadOnlyCollection<(string Recipient, byte[] Message)> Samples => samples;

    public void Start(int port)
    {
        var options = new SmtpServerOptionsBuilder()
            .ServerName("bench.localhost")
            .Endpoint(e => e.Endpoint(new IPEndPoint(IPAddress.Loopback, port)).IsSecure(false))
            .MaxMessageSize(10 * 1024 * 1024)
            .Build();
        var services = new ServiceProvider();
        services.Add(new Store(this));
        services.Add((IEndpointListenerFactory)new NoDelayListenerFactory());
        running = new SmtpServer.SmtpServer(options, services).StartAsync(stop.Token);
    }

    private void Received(string recipient, ReadOnlySequence<byte> message)
    {
        recipients.AddOrUpdate(recipient, 1, (_, c) => c + 1);
        Interlocked.Add(ref bytes, message.Length);
        if (Interlocked.Increment(ref messages) <= Kept)
        {
            samples.Enqueue((recipient, message.ToArray()));
        }

        Interlocked.Exchange(ref lastAt, Stopwatch.GetTimestamp());
    }

    public async ValueTask DisposeAsync()
    {
        await stop.CancelAsync();
        try
        {
            if (running is not null)
            {
                await running;
            }
        }
        catch (OperationCanceledException)
        {
            // Stopped on purpose.
        }

        stop.Dispose();
    }

    private sealed class Store(SmtpSink sink) : MessageStore
    {
        public override Task<SmtpResponse> SaveAsync(ISessionContext context, IMessageTransaction transaction, ReadOnlySequence<byte> buffer, CancellationToken cancellationToken)
        {
            var to = transaction.To.FirstOrDefault();
            sink.Received(to is null ? "" : $"{to.User}@{to.Host}", buffer);
            return Task.FromResult(SmtpResponse.Ok);
        }
    }

    private sealed class NoDelayListenerFactory : IEndpointListenerFactory
    {
        public IEndpointListener CreateListener(IEndpointDefinition endpointDefinition)
        {
            var listener = new TcpListener(endpointDefinition.Endpoint);
            listener.Start();
            return new NoDelayListener(listener);
        }
    }

    private sealed class NoDelayListener(TcpListener listener) : IEndpointListener
    {
        public async Task<ISecurableDuplexPipe> GetPipeAsync(ISessionContext context, CancellationToken cancellationToken)
        {
            var client = await listener.AcceptTcpClientAsync(cancellationToken);
            client.NoDelay = true;
            return new PlainPipe(client);
        }

        public void Dispose() => listener.Stop();
    }

    /// <summary>The connection as the library reads and writes it; plain text only (the Worker sends with Security=None).</summary>
    private sealed class PlainPipe : ISecurableDuplexPipe
    {
        private readonly TcpClient client;

        public PlainPipe(TcpClient client)
        {
            this.client = client;
            var stream = client.GetStream();
            Input = PipeReader.Create(stream);
            Output = PipeWriter.Create(stream);
        }

        public PipeReader Input { get; }

        public PipeWriter Output { get; }

        public bool IsSecure => false;

        public SslProtocols SslProtocol => SslProtocols.None;

        public Task UpgradeAsync(X509Certificate certificate, SslProtocols protocols, CancellationToken cancellationToken = default) =>
            throw new NotSupportedException("The bench sink speaks plain SMTP only.");

        public void Dispose() => client.Dispose();
    }
}
