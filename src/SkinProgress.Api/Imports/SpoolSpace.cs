using Microsoft.Extensions.Options;
using SkinProgress.Api.Operations;

namespace SkinProgress.Api.Imports;

/// <summary>
/// The temporary-folder space the zip imports of this process hold, bounded by <see cref="ImportOptions.MaxSpoolBytes"/>:
/// without a bound, concurrent uploads of up to <see cref="ImportOptions.MaxBodyBytes"/> each could fill the disk.
/// Space is taken as the bytes arrive and given back when the spool file is deleted.
/// </summary>
public sealed class SpoolSpace(IOptions<ImportOptions> options)
{
    private long _used;

    /// <summary>Takes <paramref name="bytes"/> if they fit beside what the other imports hold; false leaves nothing taken.</summary>
    public bool TryTake(long bytes)
    {
        var max = options.Value.MaxSpoolBytes;
        var used = Interlocked.Read(ref _used);
        while (used + bytes <= max)
        {
            var seen = Interlocked.CompareExchange(ref _used, used + bytes, used);
            if (seen == used)
            {
                IngestMetrics.SpooledBytes.Inc(bytes);
                return true;
            }

            used = seen;
        }

        return false;
    }

    public void GiveBack(long bytes)
    {
        Interlocked.Add(ref _used, -bytes);
        IngestMetrics.SpooledBytes.Dec(bytes);
    }
}
