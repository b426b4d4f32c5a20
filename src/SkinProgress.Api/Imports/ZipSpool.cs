using System.Buffers;

namespace SkinProgress.Api.Imports;

/// <summary>
/// A zip upload in a temporary file: a zip's directory sits at its end, so it is read from disk, not from the
/// body. The file holds its space in <see cref="SpoolSpace"/> and is deleted, and its space given back, on disposal.
/// </summary>
public sealed class ZipSpool : IAsyncDisposable
{
    private readonly SpoolSpace _space;
    private long _taken;

    private ZipSpool(SpoolSpace space)
    {
        _space = space;
        var path = Path.Combine(Path.GetTempPath(), $"skinprogress-import-{Guid.NewGuid():N}.zip");
        File = new FileStream(path, FileMode.CreateNew, FileAccess.ReadWrite, FileShare.None, 64 * 1024, FileOptions.DeleteOnClose | FileOptions.Asynchronous);
    }

    /// <summary>The spooled file, at its start.</summary>
    public FileStream File { get; }

    /// <summary>Spools the head already read and the rest of the body; null when the space ran out first.</summary>
    public static async Task<ZipSpool?> WriteAsync(SpoolSpace space, ReadOnlyMemory<byte> head, Stream rest, CancellationToken ct)
    {
        var spool = new ZipSpool(space);
        var buffer = ArrayPool<byte>.Shared.Rent(64 * 1024);
        try
        {
            if (!await spool.TryAppendAsync(head, ct))
            {
                await spool.DisposeAsync();
                return null;
            }

            int read;
            while ((read = await rest.ReadAsync(buffer, ct)) > 0)
            {
                if (!await spool.TryAppendAsync(buffer.AsMemory(0, read), ct))
                {
                    await spool.DisposeAsync();
                    return null;
                }
            }

            spool.File.Position = 0;
            return spool;
        }
        catch
        {
            await spool.DisposeAsync();
            throw;
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    public async ValueTask DisposeAsync()
    {
        await File.DisposeAsync();
        _space.GiveBack(_taken);
        _taken = 0;
    }

    private async Task<bool> TryAppendAsync(ReadOnlyMemory<byte> bytes, CancellationToken ct)
    {
        if (!_space.TryTake(bytes.Length))
        {
            return false;
        }

        _taken += bytes.Length;
        await File.WriteAsync(bytes, ct);
        return true;
    }
}
