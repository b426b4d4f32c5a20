using System.Threading.Channels;
using SkinProgress.Api.Auth;
using SkinProgress.Api.Ingest;
using SkinProgress.Contracts;
using SkinProgress.Events;
using SkinProgress.Formats;

namespace SkinProgress.Api.Imports;

/// <summary>
/// One import: reads the file on a dedicated thread (the readers are synchronous) and publishes its valid events
/// as <see cref="EventBatchReceived"/> chunks. A bounded channel between the two keeps at most a few chunks in
/// memory whatever the file's size.
/// </summary>
public sealed class FileImport(BatchPublisher publisher, Credential credential, DateTimeOffset now)
{
    public Guid ImportId { get; } = Guid.NewGuid();

    public const int ChunkSize = IngestEndpoints.MaxEvents;
    private const int ChunksInFlight = 2;

    private readonly WarningCounts _warnings = new();

    /// <summary>Events the broker has confirmed; what every answer reports, 202 or not.</summary>
    public int Accepted { get; private set; }

    /// <summary>Events the file held that break the rules of <c>POST /v1/events</c>.</summary>
    public int Rejected { get; private set; }

    /// <summary>Events read from the file, valid or not.</summary>
    public int Events { get; private set; }

    public IReadOnlyList<ImportWarning> Warnings => _warnings.ToList();

    /// <summary>
    /// Returns false when the broker could not confirm a chunk. Throws <see cref="BrokenFileException"/> for a
    /// broken file and <see cref="BadHttpRequestException"/> (413) past the size limit, after publishing what
    /// <see cref="Accepted"/> says.
    /// </summary>
    /// <remarks>
    /// FIT, TCX and GPX files are small: their events are held until the whole file has been read, so a broken one
    /// publishes nothing. Apple Health exports reach gigabytes, so their events are published as they are read and
    /// a break answers with <see cref="Accepted"/> counting the chunks already confirmed; they are not withdrawn,
    /// and re-importing a repaired file replaces them (events are upserted on their file-derived ids).
    /// </remarks>
    public async Task<bool> RunAsync(Stream file, FileFormat format, CancellationToken requestAborted)
    {
        var publishAsRead = format is FileFormat.AppleHealthXml or FileFormat.AppleHealthZip;
        var chunks = Channel.CreateBounded<List<HealthEvent>>(new BoundedChannelOptions(ChunksInFlight) { SingleReader = true, SingleWriter = true });
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(requestAborted);
        var reading = Task.Factory.StartNew(() => Read(file, format, chunks.Writer, stop.Token), stop.Token, TaskCreationOptions.LongRunning, TaskScheduler.Default);
        try
        {
            var held = new List<List<HealthEvent>>();
            await foreach (var chunk in chunks.Reader.ReadAllAsync(requestAborted))
            {
                if (!publishAsRead)
                {
                    held.Add(chunk);
                }
                else if (!await PublishAsync(chunk, requestAborted))
                {
                    return false;
                }
            }

            await reading;
            foreach (var chunk in held)
            {
                if (!await PublishAsync(chunk, requestAborted))
                {
                    return false;
                }
            }

            return true;
        }
        finally
        {
            // On any early exit the reader must stop too; its own failure, if any, was already observed above.
            await stop.CancelAsync();
            await reading.ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        }
    }

    private void Read(Stream file, FileFormat format, ChannelWriter<List<HealthEvent>> chunks, CancellationToken ct)
    {
        try
        {
            var chunk = new List<HealthEvent>(ChunkSize);
            foreach (var item in ActivityFileReader.Read(file, format))
            {
                ct.ThrowIfCancellationRequested();
                if (item.Warning is { } warning)
                {
                    _warnings.Add(warning.Code, warning.Message, warning.Count);
                    continue;
                }

                Events++;
                var validation = EventValidator.Validate(item.Event!, now);
                if (!validation.IsValid)
                {
                    Rejected++;
                    var (field, messages) = validation.Errors.First();
                    _warnings.Add("invalid_event", $"Events skipped because they break the event rules (first: {field}: {messages[0]}).", 1);
                    continue;
                }

                chunk.Add(validation.Event!);
                if (chunk.Count == ChunkSize)
                {
                    chunks.WriteAsync(chunk, ct).AsTask().GetAwaiter().GetResult();
                    chunk = new List<HealthEvent>(ChunkSize);
                }
            }

            if (chunk.Count > 0)
            {
                chunks.WriteAsync(chunk, ct).AsTask().GetAwaiter().GetResult();
            }
        }
        finally
        {
            chunks.TryComplete();
        }
    }

    private async Task<bool> PublishAsync(List<HealthEvent> chunk, CancellationToken ct)
    {
        var batch = new EventBatchReceived(Guid.NewGuid(), credential.RequireUser(), credential.DeviceId!.Value, credential.Source!, now, chunk, ImportId);
        if (!await publisher.TryPublishAsync(batch, ct))
        {
            return false;
        }

        Accepted += chunk.Count;
        return true;
    }

    /// <summary>Warnings summed by code, first message kept, in the order first seen.</summary>
    private sealed class WarningCounts
    {
        private readonly List<string> _order = [];
        private readonly Dictionary<string, (string Message, int Count)> _counts = new(StringComparer.Ordinal);

        public void Add(string code, string message, int count)
        {
            if (_counts.TryGetValue(code, out var entry))
            {
                _counts[code] = (entry.Message, entry.Count + count);
                return;
            }

            _order.Add(code);
            _counts[code] = (message, count);
        }

        public List<ImportWarning> ToList() => [.. _order.Select(code => new ImportWarning(code, _counts[code].Message, _counts[code].Count))];
    }
}
