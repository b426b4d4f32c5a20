using Microsoft.AspNetCore.Http;

namespace SkinProgress.Connections.Webhooks;

/// <summary>
/// Reads a webhook's raw body, at most <see cref="MaxBytes"/>: every provider's notification is a few hundred bytes,
/// so anything longer is refused unread instead of buffered. The raw bytes matter (Polar signs them).
/// </summary>
internal static class WebhookBody
{
    public const int MaxBytes = 64 * 1024;

    /// <summary>The body, or null when it is longer than the limit.</summary>
    public static async Task<ReadOnlyMemory<byte>?> ReadAsync(HttpRequest request, CancellationToken cancellationToken)
    {
        if (request.ContentLength > MaxBytes)
        {
            return null;
        }

        using var buffer = new MemoryStream();
        var chunk = new byte[8192];
        int read;
        while ((read = await request.Body.ReadAsync(chunk, cancellationToken)) > 0)
        {
            if (buffer.Length + read > MaxBytes)
            {
                return null;
            }

            buffer.Write(chunk, 0, read);
        }

        return buffer.ToArray();
    }
}
