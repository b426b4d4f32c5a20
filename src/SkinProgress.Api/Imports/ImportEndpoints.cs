using System.Globalization;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Extensions.Options;
using Microsoft.Net.Http.Headers;
using SkinProgress.Api.Auth;
using SkinProgress.Api.Ingest;
using SkinProgress.Api.Problems;
using SkinProgress.Api.RateLimits;
using SkinProgress.Formats;

namespace SkinProgress.Api.Imports;

public static class ImportEndpoints
{
    // Long enough for another upload to finish and give its spool space back.
    private const int SpoolFullRetryAfterSeconds = 30;

    public static IHostApplicationBuilder AddImports(this IHostApplicationBuilder builder)
    {
        builder.Services.AddOptions<ImportOptions>()
            .Bind(builder.Configuration.GetSection(ImportOptions.Section))
            .ValidateDataAnnotations()
            .ValidateOnStart();
        builder.Services.AddSingleton<SpoolSpace>();
        return builder;
    }

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
                "422 names the problem of a recognised but broken file and says how many events were accepted before the break. " +
                "503 with Retry-After: the broker could not confirm, or other zip imports hold the server's spool space.")
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
        HttpContext context, BatchPublisher publisher, TimeProvider time, IOptions<ImportOptions> options, SpoolSpace spoolSpace, CancellationToken ct)
    {
        var maxBytes = options.Value.MaxBodyBytes;
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
                // 503, not 413: the file is within its limit and fits once other imports give their space back.
                await using var spool = await ZipSpool.WriteAsync(spoolSpace, head.AsMemory(0, headLength), file, ct);
                if (spool is null)
                {
                    context.Response.Headers.RetryAfter = SpoolFullRetryAfterSeconds.ToString(CultureInfo.InvariantCulture);
                    return TypedResults.Problem(WithAccepted(ProblemsExtensions.Problem(StatusCodes.Status503ServiceUnavailable, ProblemTypes.Busy,
                        "The server is busy with other imports.", $"{Accepted(0)} Send the file again after the time in Retry-After."), 0));
                }

                published = await import.RunAsync(spool.File, format, ct);
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
        catch (Exception e) when (e is IOException or InvalidDataException && !ct.IsCancellationRequested)
        {
            // InvalidDataException: the multipart reader's limits (a part's headers over 16 KB, too many headers).
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
