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

            JsonDocument document;
            try
            {
                document = JsonDocument.Parse(buffer.AsMemory(0, length), new JsonDocumentOptions { MaxDepth = 32 });
            }
            catch (JsonException e)
            {
                return (null, ProblemsExtensions.Problem(StatusCodes.Status400BadRequest, ProblemTypes.MalformedBody,
                    "The body is not valid JSON.", $"{e.Message}"));
            }

            if (InvalidText(buffer.AsSpan(0, length)) is { } where)
            {
                document.Dispose();
                return (null, ProblemsExtensions.Problem(StatusCodes.Status400BadRequest, ProblemTypes.MalformedBody,
                    "The body is not valid JSON.", $"A string at byte {where} is not valid UTF-8, or escapes a lone UTF-16 surrogate."));
            }

            return (document, null);
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    /// <summary>
    /// The parser checks structure, not text: a raw invalid UTF-8 byte or a lone surrogate escape inside a string
    /// parses, and fails only when something reads that string. Every string and name is checked here, so no later
    /// step can meet one. Most bodies are valid UTF-8 and escape no surrogate at all, which one vectorised pass and
    /// one search prove; only the rest are read token by token. Returns the byte offset of the first bad string, or null.
    /// </summary>
    private static long? InvalidText(ReadOnlySpan<byte> json)
    {
        if (System.Text.Unicode.Utf8.IsValid(json) && !EscapesASurrogate(json))
        {
            return null;
        }

        var reader = new Utf8JsonReader(json, new JsonReaderOptions { MaxDepth = 32 });
        while (reader.Read())
        {
            if (reader.TokenType is not (JsonTokenType.String or JsonTokenType.PropertyName))
            {
                continue;
            }

            if (!reader.ValueIsEscaped)
            {
                if (!System.Text.Unicode.Utf8.IsValid(reader.ValueSpan))
                {
                    return reader.TokenStartIndex;
                }

                continue;
            }

            try
            {
                _ = reader.GetString();
            }
            catch (InvalidOperationException)
            {
                return reader.TokenStartIndex;
            }
        }

        return null;
    }

    /// <summary>Whether the text holds an escape of the surrogate range, \uD800–\uDFFF, in either case.</summary>
    private static bool EscapesASurrogate(ReadOnlySpan<byte> json)
    {
        var rest = json;
        while (rest.IndexOf("\\u"u8) is var at and >= 0)
        {
            rest = rest[(at + 2)..];
            if (!rest.IsEmpty && rest[0] is (byte)'d' or (byte)'D')
            {
                return true;
            }
        }

        return false;
    }

    private static ProblemDetails TooLarge(int maxBytes) =>
        ProblemsExtensions.Problem(StatusCodes.Status413PayloadTooLarge, ProblemTypes.TooLarge,
            "The body is too large.", $"The body must be at most {maxBytes} bytes.");
}
