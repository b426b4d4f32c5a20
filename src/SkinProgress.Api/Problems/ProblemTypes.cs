namespace SkinProgress.Api.Problems;

/// <summary>Stable problem `type` identifiers (RFC 9457). Clients switch on these, so they never change.</summary>
public static class ProblemTypes
{
    public const string Validation = "urn:skinprogress:problem:validation";
    public const string MalformedBody = "urn:skinprogress:problem:malformed-body";
    public const string TooLarge = "urn:skinprogress:problem:too-large";
    public const string UnsupportedMediaType = "urn:skinprogress:problem:unsupported-media-type";
    public const string BrokenFile = "urn:skinprogress:problem:broken-file";
    public const string BrokerUnavailable = "urn:skinprogress:problem:broker-unavailable";
    public const string DatabaseUnavailable = "urn:skinprogress:problem:database-unavailable";
    public const string Busy = "urn:skinprogress:problem:busy";
    public const string NotFound = "urn:skinprogress:problem:not-found";
    public const string Conflict = "urn:skinprogress:problem:conflict";
    public const string Unauthorized = "urn:skinprogress:problem:unauthorized";
    public const string Forbidden = "urn:skinprogress:problem:forbidden";
    public const string MethodNotAllowed = "urn:skinprogress:problem:method-not-allowed";
    public const string RateLimited = "urn:skinprogress:problem:rate-limited";
    public const string Internal = "urn:skinprogress:problem:internal";

    /// <summary>The type for an answer the framework made from a status code alone.</summary>
    public static string? ForStatus(int? status) => status switch
    {
        StatusCodes.Status400BadRequest => MalformedBody,
        StatusCodes.Status401Unauthorized => Unauthorized,
        StatusCodes.Status403Forbidden => Forbidden,
        StatusCodes.Status404NotFound => NotFound,
        StatusCodes.Status405MethodNotAllowed => MethodNotAllowed,
        StatusCodes.Status409Conflict => Conflict,
        StatusCodes.Status413PayloadTooLarge => TooLarge,
        StatusCodes.Status415UnsupportedMediaType => UnsupportedMediaType,
        StatusCodes.Status429TooManyRequests => RateLimited,
        StatusCodes.Status503ServiceUnavailable => BrokerUnavailable,
        >= 500 => Internal,
        _ => null,
    };
}
