using System.Globalization;
using System.Text;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.WebUtilities;
using SkinProgress.Connections.Webhooks;

namespace SkinProgress.Connections.Withings;

/// <summary>
/// Withings' notifications (Notify): a form post naming <c>userid</c>, <c>appli</c> (the data category) and the
/// <c>startdate</c>/<c>enddate</c> range that changed, which we then fetch ourselves. Withings checks a callback URL
/// with a HEAD request (and older integrations with an empty request) before subscribing it: those are answered 200.
/// </summary>
internal static class WithingsWebhook
{
    /// <summary>Weight and body composition.</summary>
    public const int WeightAppli = 1;

    /// <summary>Activity, which carries workouts.</summary>
    public const int ActivityAppli = 16;

    public static async Task<WebhookReading> ReadAsync(HttpRequest request, CancellationToken cancellationToken)
    {
        if (HttpMethods.IsHead(request.Method) || (HttpMethods.IsGet(request.Method) && request.Query.Count == 0))
        {
            return WebhookReading.Accepted([]);
        }

        if (!HttpMethods.IsPost(request.Method))
        {
            return WebhookReading.Refused(StatusCodes.Status405MethodNotAllowed);
        }

        if (await WebhookBody.ReadAsync(request, cancellationToken) is not { } body)
        {
            return WebhookReading.Refused(StatusCodes.Status413PayloadTooLarge);
        }

        return ReadForm(body);
    }

    public static WebhookReading ReadForm(ReadOnlyMemory<byte> body)
    {
        if (body.IsEmpty)
        {
            return WebhookReading.Accepted([]);
        }

        Dictionary<string, Microsoft.Extensions.Primitives.StringValues> form;
        try
        {
            form = QueryHelpers.ParseQuery(new UTF8Encoding(false, true).GetString(body.Span));
        }
        catch (DecoderFallbackException)
        {
            return WebhookReading.Refused(StatusCodes.Status400BadRequest);
        }

        var user = Single(form, "userid");
        if (user is not { Length: > 0 and <= 20 } || !user.All(char.IsAsciiDigit)
            || !int.TryParse(Single(form, "appli"), NumberStyles.None, CultureInfo.InvariantCulture, out var appli)
            || Seconds(Single(form, "startdate")) is not { } from || Seconds(Single(form, "enddate")) is not { } to || to < from)
        {
            return WebhookReading.Refused(StatusCodes.Status400BadRequest);
        }

        // Other categories (sleep, blood pressure…) were never subscribed to and change nothing we keep.
        return appli is WeightAppli or ActivityAppli
            ? WebhookReading.Accepted([new ProviderNotification(
                WithingsProvider.ProviderName, user, NotificationKind.RangeChanged, appli.ToString(CultureInfo.InvariantCulture), from, to)])
            : WebhookReading.Accepted([]);
    }

    private static string? Single(Dictionary<string, Microsoft.Extensions.Primitives.StringValues> form, string name) =>
        form.TryGetValue(name, out var values) && values.Count == 1 ? values[0] : null;

    private static DateTimeOffset? Seconds(string? text) =>
        long.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var s) && s <= 253402300799 ? DateTimeOffset.FromUnixTimeSeconds(s) : null;
}
