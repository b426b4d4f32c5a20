using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Net.Http.Headers;
using SkinProgress.Api.Auth;
using SkinProgress.Api.Ingest;
using SkinProgress.Api.Problems;
using SkinProgress.Api.RateLimits;
using SkinProgress.Formats;

namespace SkinProgress.Api.Imports;

public static class ImportEndpoints
{
    public const long DefaultMaxBytes = 512L * 1024 * 1024;

    /// <summary>Configuration key that overrides <see cref="DefaultMaxBytes"/>.</summary>
    public const string MaxBytesSetting = "Imports:MaxBodyBytes";

    public static RouteGroupBuilder MapImports(this RouteGroupBuilder v1)
    {
        v1.MapPost("/imports", PostImport)
            .RequireAuthorization(AuthExtensions.DevicePolicy)
            // One budget per device for everything it sends: events and files alike.
            .RequireRateLimiting(RateLimitExtensions.DevicePolicy)
            // Kestrel's 30 MB default would cut real exports short; the handler enforces its own limit on the bytes read.
            .WithMetadata(new DisableRequestSizeLimitAttribute())
            .WithTags("Imports")
            .WithSummary("Import one FIT, TCX, GPX or Apple Health export file (≤ 512 MiB).")
            .WithDescription("The file is the raw body (any content type) or the 'file' part of multipart/form-data; its format is recognised from its content. " +
                "422 names the problem of a recognised but broken file and says how many events were accepted before the break.")
            .Accepts<Stream>("application/octet-stream", "multipart/form-data", "*/*")
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status401Unauthorized)
            .ProducesProblem(StatusCodes.Status403Forbidden)
            .ProducesProblem(StatusCodes.Status413PayloadTooLarge)
            .ProducesProblem(StatusCodes.Status415UnsupportedMediaType)
            .ProducesProblem(StatusCodes.Status422UnprocessableEntity)
            .ProducesProblem(StatusCodes.Status429TooManyRequests)
            .ProducesProblem(StatusCodes.Status503ServiceUnavailable);
        return v1;
    }

    public static async Task<Results<Accepted<ImportResponse>, ProblemHttpResult>> PostImport(
        HttpContext context, BatchPublisher publisher, TimeProvider time, IConfiguration configuration, CancellationToken ct)
    {
        var maxBytes = configuration.GetValue(MaxBytesSetting, DefaultMaxBytes);
        if (context.Request.ContentLength > maxBytes)
        {
            return TypedResults.Problem(TooLarge(maxBytes, 0));
        }

        var upload = new UploadStream(context.Request.Body, maxBytes);
        var import = new FileImport(publisher, Credential.From(context.User), time.GetUtcNow());
        try
        {
            if (await OpenFileAsync(context.Request, upload, ct) is not { } file)
            {
                return TypedResults.Problem(ProblemsExtensions.Problem(StatusCodes.Status400BadRequest, ProblemTypes.MalformedBody,
                    "The multipart body has no file.", "Send the file as the part named 'file', or as the raw body."));
            }

            var head = new byte[FileFormatDetector.HeadLength];
            var headLength = await file.ReadAtLeastAsync(head, head.Length, throwOnEndOfStream: false, ct);
            if (FileFormatDetector.Detect(head.AsSpan(0, headLength)) is not { } format)
            {
                return TypedResults.Problem(ProblemsExtensions.Problem(StatusCodes.Status415UnsupportedMediaType, ProblemTypes.UnsupportedMediaType,
                    "The file's format is not recognised.", "Send a FIT, TCX, GPX or Apple Health export (export.xml or its zip)."));
            }

            bool published;
            if (format == FileFormat.AppleHealthZip)
            {
                await using var spool = await SpoolAsync(head.AsMemory(0, headLength), file, ct);
                published = await import.RunAsync(spool, format, ct);
            }
            else
            {
                published = await import.RunAsync(new ReplayStream(head.AsMemory(0, headLength), file), format, ct);
            }

            if (!published)
            {
                context.Response.Headers.RetryAfter = "5";
                return TypedResults.Problem(WithAccepted(ProblemsExtensions.Problem(StatusCodes.Status503ServiceUnavailable, ProblemTypes.BrokerUnavailable,
                    "The event queue is unavailable.", $"{Accepted(import.Accepted)} Send the file again after the time in Retry-After; events already accepted are not counted twice."), import.Accepted));
            }

            return TypedResults.Accepted((string?)null, new ImportResponse(import.ImportId, format, import.Events, import.Accepted, import.Rejected, import.Warnings));
        }
        catch (BrokenFileException e)
        {
            var problem = WithAccepted(ProblemsExtensions.Problem(StatusCodes.Status422UnprocessableEntity, ProblemTypes.BrokenFile,
                "The file is broken.", $"{e.Message} {Accepted(import.Accepted)}"), import.Accepted);
            problem.Extensions["problem"] = e.Problem;
            problem.Extensions["byteOffset"] = e.ByteOffset;
            return TypedResults.Problem(problem);
        }
        catch (BadHttpRequestException e) when (e.StatusCode == StatusCodes.Status413PayloadTooLarge)
        {
            return TypedResults.Problem(TooLarge(maxBytes, import.Accepted));
        }
        catch (IOException e) when (!ct.IsCancellationRequested)
        {
            return TypedResults.Problem(WithAccepted(ProblemsExtensions.Problem(StatusCodes.Status400BadRequest, ProblemTypes.MalformedBody,
                "The upload could not be read.", $"{e.Message} {Accepted(import.Accepted)}"), import.Accepted));
        }
    }

    /// <summary>The raw body, or the body of the multipart part named 'file' (read as it arrives, never buffered); null when there is no such part.</summary>
    private static async Task<Stream?> OpenFileAsync(HttpRequest request, Stream body, CancellationToken ct)
    {
        if (!MediaTypeHeaderValue.TryParse(request.ContentType, out var mediaType)
            || !mediaType.MediaType.Equals("multipart/form-data", StringComparison.OrdinalIgnoreCase))
        {
            return body;
        }

        var boundary = HeaderUtilities.RemoveQuotes(mediaType.Boundary).Value;
        if (string.IsNullOrEmpty(boundary))
        {
            return null;
        }

        var reader = new MultipartReader(boundary, body);
        while (await reader.ReadNextSectionAsync(ct) is { } section)
        {
            if (section.GetContentDispositionHeader() is { } disposition && HeaderUtilities.RemoveQuotes(disposition.Name).Equals("file", StringComparison.Ordinal))
            {
                return section.Body;
            }
        }

        return null;
    }

    /// <summary>A zip's directory sits at its end, so it is read from a temporary file, deleted when closed.</summary>
    private static async Task<FileStream> SpoolAsync(ReadOnlyMemory<byte> head, Stream rest, CancellationToken ct)
    {
        var path = Path.Combine(Path.GetTempPath(), $"skinprogress-import-{Guid.NewGuid():N}.zip");
        var spool = new FileStream(path, FileMode.CreateNew, FileAccess.ReadWrite, FileShare.None, 64 * 1024, FileOptions.DeleteOnClose | FileOptions.Asynchronous);
        try
        {
            await spool.WriteAsync(head, ct);
            await rest.CopyToAsync(spool, ct);
            spool.Position = 0;
            return spool;
        }
        catch
        {
            await spool.DisposeAsync();
            throw;
        }
    }

    private static string Accepted(int accepted) => accepted == 0
        ? "No event from this file was accepted."
        : $"{accepted} events from this file were accepted before it stopped and will be stored.";

    private static ProblemDetails WithAccepted(ProblemDetails problem, int accepted)
    {
        problem.Extensions["accepted"] = accepted;
        return problem;
    }

    private static ProblemDetails TooLarge(long maxBytes, int accepted) =>
        WithAccepted(ProblemsExtensions.Problem(StatusCodes.Status413PayloadTooLarge, ProblemTypes.TooLarge,
            "The file is too large.", $"A file must be at most {maxBytes} bytes. {Accepted(accepted)}"), accepted);
}
