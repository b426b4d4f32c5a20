using System.Text;

namespace SkinProgress.IntegrationTests.Fuzzing;

/// <summary>Who sends a generated request: the key it carries.</summary>
public enum Caller
{
    Anonymous,
    Admin,
    Device,
    User,
    /// <summary>A user made for this request alone, so that erasing it costs the run nothing.</summary>
    Throwaway,
}

/// <summary>
/// One generated request, as bytes on the wire. <see cref="Route"/> is the OpenAPI operation it exercises
/// ("POST /v1/events"); <see cref="Slot"/> picks which of the run's users and devices sends it.
/// </summary>
public sealed record FuzzRequest(string Route, string Method, string Path, Caller Caller, int Slot, byte[]? Body, string? ContentType)
{
    /// <summary>What a failure prints: enough to send the same request again with curl.</summary>
    public override string ToString()
    {
        var body = Body is null ? "" : Encoding.UTF8.GetString(Body);
        if (body.Length > 2000)
        {
            body = body[..2000] + $"… ({Body!.Length} bytes)";
        }

        return $"{Method} {Path} as {Caller}#{Slot} [{ContentType}] {body}";
    }
}
