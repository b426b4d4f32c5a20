using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Http;
using SkinProgress.Connections.Mapping;
using SkinProgress.Connections.Webhooks;

namespace SkinProgress.Connections.Polar;

/// <summary>
/// AccessLink's webhook: every request carries <c>Polar-Webhook-Signature</c>, the hex HMAC-SHA-256 of the raw body
/// with the application's signature secret. A missing or wrong signature is answered 401 and nothing of the body is
/// read. A <c>PING</c> (sent when the webhook is created) is answered 200; an <c>EXERCISE</c> event names an
/// exercise to fetch; other event types are not subscribed to and change nothing.
/// </summary>
internal static class PolarWebhook
{
    public const string SignatureHeader = "Polar-Webhook-Signature";

    public static async Task<WebhookReading> ReadAsync(HttpRequest request, string secret, CancellationToken cancellationToken)
    {
        if (!HttpMethods.IsPost(request.Method))
        {
            return WebhookReading.Refused(StatusCodes.Status405MethodNotAllowed);
        }

        if (await WebhookBody.ReadAsync(request, cancellationToken) is not { } body)
        {
            return WebhookReading.Refused(StatusCodes.Status413PayloadTooLarge);
        }

        var signature = request.Headers[SignatureHeader];
        return Read(body, signature.Count == 1 ? signature[0] : null, secret);
    }

    public static WebhookReading Read(ReadOnlyMemory<byte> body, string? signature, string secret)
    {
        if (!SignatureMatches(body.Span, signature, secret))
        {
            return WebhookReading.Refused(StatusCodes.Status401Unauthorized);
        }

        using var document = Json.Parse(body);
        if (document?.RootElement is not { ValueKind: JsonValueKind.Object } e)
        {
            return WebhookReading.Refused(StatusCodes.Status400BadRequest);
        }

        switch (e.Text("event"))
        {
            case "PING":
                return WebhookReading.Accepted([]);
            case "EXERCISE":
                if (e.Property("user_id") is not { ValueKind: JsonValueKind.Number } userId || Json.Text(userId) is not { } user || !user.All(char.IsAsciiDigit)
                    || e.Text("entity_id") is not { Length: > 0 and <= 64 } exercise || !exercise.All(char.IsAsciiLetterOrDigit))
                {
                    return WebhookReading.Refused(StatusCodes.Status400BadRequest);
                }

                return WebhookReading.Accepted([new ProviderNotification(PolarProvider.ProviderName, user, NotificationKind.ObjectChanged, exercise)]);
            case { Length: > 0 }:
                return WebhookReading.Accepted([]);
            default:
                return WebhookReading.Refused(StatusCodes.Status400BadRequest);
        }
    }

    /// <summary>The signature as the sender computed it, compared in constant time with ours.</summary>
    public static bool SignatureMatches(ReadOnlySpan<byte> body, string? signature, string secret)
    {
        if (string.IsNullOrEmpty(secret) || signature is not { Length: 64 })
        {
            return false;
        }

        Span<byte> presented = stackalloc byte[32];
        if (Convert.FromHexString(signature, presented, out _, out var written) != System.Buffers.OperationStatus.Done || written != 32)
        {
            return false;
        }

        Span<byte> expected = stackalloc byte[32];
        HMACSHA256.HashData(Encoding.UTF8.GetBytes(secret), body, expected);
        return CryptographicOperations.FixedTimeEquals(presented, expected);
    }

    /// <summary>What a sender puts in <see cref="SignatureHeader"/> (the stand-in signs with it).</summary>
    public static string Sign(ReadOnlySpan<byte> body, string secret) =>
        Convert.ToHexStringLower(HMACSHA256.HashData(Encoding.UTF8.GetBytes(secret), body));
}
