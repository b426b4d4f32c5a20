using System.Buffers;
using System.Text.Json;
using Microsoft.AspNetCore.Mvc;
using SkinProgress.Api.Problems;

namespace SkinProgress.Api.Ingest;

/// <summary>
/// Reads a JSON request body within a size limit. The limit is enforced on the bytes actually read,
/// not only on Content-Length, so a chunked body cannot grow past it.
/// </summary>
public static class JsonBody
{
    public static async Task<(JsonDocument? Document, ProblemDetails? Problem)> ReadAsync(HttpRequest request, int maxBytes, CancellationToken ct)
    {
        if (!request.HasJsonContentType())
        {
            return (null, ProblemsExtensions.Problem(StatusCodes.Status415UnsupportedMediaType, ProblemTypes.UnsupportedMediaType,
                "The body must be JSON.", "Send Content-Type: application/json."));
        }

        if (request.ContentLength > maxBytes)
        {
            return (null, TooLarge(maxBytes));
        }

        var buffer = ArrayPool<byte>.Shared.Rent(Math.Min(maxBytes + 1, (int)(request.ContentLength ?? 64 * 1024) + 1));
        var length = 0;
        try
        {
            while (true)
            {
                if (length == buffer.Length)
                {
                    if (buffer.Length > maxBytes)
                    {
                        return (null, TooLarge(maxBytes));
                    }

                    var bigger = ArrayPool<byte>.Shared.Rent(Math.Min(buffer.Length * 2, maxBytes + 1));
                    buffer.AsSpan(0, length).CopyTo(bigger);
                    ArrayPool<byte>.Shared.Return(buffer);
                    buffer = bigger;
                }

                var read = await request.Body.ReadAsync(buffer.AsMemory(length, buffer.Length - length), ct);
                if (read == 0)
                {
                    break;
                }

                length += read;
                if (length > maxBytes)
                {
                    return (null, TooLarge(maxBytes));
                }
            }

            try
            {
                return (JsonDocument.Parse(buffer.AsMemory(0, length), new JsonDocumentOptions { MaxDepth = 32 }), null);
            }
            catch (JsonException e)
            {
                return (null, ProblemsExtensions.Problem(StatusCodes.Status400BadRequest, ProblemTypes.MalformedBody,
                    "The body is not valid JSON.", $"{e.Message}"));
            }
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    private static ProblemDetails TooLarge(int maxBytes) =>
        ProblemsExtensions.Problem(StatusCodes.Status413PayloadTooLarge, ProblemTypes.TooLarge,
            "The body is too large.", $"The body must be at most {maxBytes} bytes.");
}
