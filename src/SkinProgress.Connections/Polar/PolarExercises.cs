using System.Globalization;
using System.Text.Json;
using SkinProgress.Connections.Mapping;
using SkinProgress.Contracts;
using SkinProgress.Events;
using SkinProgress.Formats;

namespace SkinProgress.Connections.Polar;

/// <summary>
/// Polar exercises: the list (<c>GET /exercises</c>) only says which exist and when; the data is each exercise's FIT
/// file, read with our own FIT reader, the richest of all sources. Ids are Polar's exercise id (with <c>:n</c> for
/// the second and later session of a multi-sport file).
/// </summary>
internal static class PolarExercises
{
    /// <summary>
    /// The exercise's start in UTC: <c>start_time</c> is local time without an offset and
    /// <c>start_time_utc_offset</c> the offset in minutes. Null when either is missing or malformed, or the offset is
    /// beyond the ±14 hours any time zone (and <see cref="DateTimeOffset"/>) has.
    /// </summary>
    public static DateTimeOffset? Start(JsonElement exercise)
    {
        if (exercise.Text("start_time") is not { Length: <= 40 } local
            || !DateTime.TryParse(local, CultureInfo.InvariantCulture, DateTimeStyles.AllowWhiteSpaces | DateTimeStyles.RoundtripKind, out var at)
            || at.Kind != DateTimeKind.Unspecified
            || at.Year is < 1900 or > 9000
            || exercise.Integer("start_time_utc_offset") is not { } minutes || minutes is < -14 * 60 or > 14 * 60)
        {
            return null;
        }

        return new DateTimeOffset(at, TimeSpan.FromMinutes(minutes)).ToUniversalTime();
    }

    /// <summary>The ids of the listed exercises that started within [from, to).</summary>
    public static IReadOnlyList<string> IdsWithin(JsonElement list, DateTimeOffset from, DateTimeOffset to) =>
        list.ValueKind != JsonValueKind.Array
            ? []
            : [.. list.EnumerateArray()
                .Where(e => Start(e) is { } start && start >= from && start < to)
                .Select(e => e.Text("id"))
                .OfType<string>()
                .Where(IsId)];

    public static bool IsId(string id) => id.Length is > 0 and <= 64 && id.All(char.IsAsciiLetterOrDigit);

    /// <summary>The FIT file's events under the exercise's id; a broken file yields nothing (and is not retried).</summary>
    public static IReadOnlyList<HealthEvent> FromFit(string exerciseId, Stream fit, DateTimeOffset now)
    {
        IReadOnlyList<HealthEvent> read;
        try
        {
            read = ActivityFileReader.ReadAll(fit, FileFormat.Fit).Events;
        }
        catch (BrokenFileException)
        {
            return [];
        }

        return [.. read
            .Select((e, i) => e with { Id = i == 0 ? exerciseId : $"{exerciseId}:{i}" })
            .Where(e => EventValidator.Validate(e, now).IsValid)];
    }
}
