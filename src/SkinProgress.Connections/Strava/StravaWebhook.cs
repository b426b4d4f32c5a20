using System.Text.Json;
using Microsoft.AspNetCore.Http;
using SkinProgress.Connections.Mapping;
using SkinProgress.Connections.Webhooks;

namespace SkinProgress.Connections.Strava;

/// <summary>
/// Strava's push subscriptions (webhooks guide): a GET that validates the callback (<c>hub.mode=subscribe</c>, our
/// verify token, echo <c>hub.challenge</c> as JSON), and POSTed events naming an object and its owner. Strava signs
/// nothing, so an event is only ever a hint: the Worker fetches the activity with the owner's token.
/// </summary>
internal static class StravaWebhook
{
    private const int MaxChallengeLength = 256;

    public static async Task<WebhookReading> ReadAsync(HttpRequest request, string verifyToken, CancellationToken cancellationToken)
    {
        if (HttpMethods.IsGet(request.Method))
        {
            return Validate(request.Query["hub.mode"], request.Query["hub.verify_token"], request.Query["hub.challenge"], verifyToken);
        }

        if (!HttpMethods.IsPost(request.Method))
        {
            return WebhookReading.Refused(StatusCodes.Status405MethodNotAllowed);
        }

        if (await WebhookBody.ReadAsync(request, cancellationToken) is not { } body)
        {
            return WebhookReading.Refused(StatusCodes.Status413PayloadTooLarge);
        }

        return ReadEvent(body);
    }

    public static WebhookReading Validate(string? mode, string? token, string? challenge, string verifyToken)
    {
        if (mode != "subscribe" || string.IsNullOrEmpty(challenge) || challenge.Length > MaxChallengeLength)
        {
            return WebhookReading.Refused(StatusCodes.Status400BadRequest);
        }

        if (!Secrets.Equal(token, verifyToken))
        {
            return WebhookReading.Refused(StatusCodes.Status403Forbidden);
        }

        return WebhookReading.Challenge(JsonSerializer.Serialize(new Dictionary<string, string> { ["hub.challenge"] = challenge }));
    }

    public static WebhookReading ReadEvent(ReadOnlyMemory<byte> body)
    {
        using var document = Json.Parse(body);
        if (document?.RootElement is not { ValueKind: JsonValueKind.Object } e
            || Id(e, "owner_id") is not { } owner || Id(e, "object_id") is not { } objectId)
        {
            return WebhookReading.Refused(StatusCodes.Status400BadRequest);
        }

        var objectType = e.Text("object_type");
        var aspect = e.Text("aspect_type");
        if (objectType is not ("activity" or "athlete") || aspect is not ("create" or "update" or "delete"))
        {
            return WebhookReading.Refused(StatusCodes.Status400BadRequest);
        }

        // Other athlete updates (a renamed profile) change nothing we keep.
        ProviderNotification? notification = objectType == "activity"
            ? new(StravaProvider.ProviderName, owner, aspect == "delete" ? NotificationKind.ObjectDeleted : NotificationKind.ObjectChanged, objectId)
            : aspect == "update" && e.Property("updates") is { } updates && updates.Text("authorized") == "false"
                ? new(StravaProvider.ProviderName, owner, NotificationKind.Deauthorized)
                : null;
        return WebhookReading.Accepted(notification is null ? [] : [notification]);
    }

    /// <summary>Strava ids are positive integers; anything else in the field is a malformed event.</summary>
    private static string? Id(JsonElement e, string name) =>
        e.Property(name) is { ValueKind: JsonValueKind.Number } v && Json.Text(v) is { Length: > 0 and <= 20 } text && text.All(char.IsAsciiDigit)
            ? text.TrimStart('0') is { Length: > 0 } trimmed ? trimmed : null
            : null;
}
