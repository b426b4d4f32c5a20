namespace SkinProgress.Connections;

/// <summary>
/// The verdict on one webhook request: refused (with the status the provider documents), answered directly (a
/// subscription challenge), or accepted with the notifications it carries (possibly none, for a ping).
/// </summary>
public sealed record WebhookReading(int StatusCode, IReadOnlyList<ProviderNotification> Notifications, string? ResponseJson = null)
{
    public static WebhookReading Refused(int statusCode) => new(statusCode, []);

    public static WebhookReading Challenge(string responseJson) => new(200, [], responseJson);

    public static WebhookReading Accepted(IReadOnlyList<ProviderNotification> notifications) => new(200, notifications);
}
