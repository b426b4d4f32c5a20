using System.Text.Json;
using SkinProgress.Connections.Mapping;
using SkinProgress.Contracts;

namespace SkinProgress.Connections.Strava;

/// <summary>
/// A Strava activity (SummaryActivity or DetailedActivity) as a <c>workout</c>:
/// <list type="bullet">
/// <item>activity from <c>sport_type</c>, falling back to the older <c>type</c> (they may disagree; sport_type is the precise one);</item>
/// <item>minutes from <c>moving_time</c>, falling back to <c>elapsed_time</c> (manual entries may carry only that);</item>
/// <item>km from <c>distance</c> in metres; 0 m (treadmill, trainer, strength sessions) is no distance rather than zero;</item>
/// <item>kcal from <c>calories</c> when above zero (Strava's own estimate, only on a DetailedActivity), else from
///   <c>kilojoules</c> (a ride's mechanical work) taken 1:1: with a human efficiency of about 24 %, kJ of work /
///   0.24 / 4.184 kJ per kcal ≈ 1 kcal per kJ, the rule Strava itself applies;</item>
/// <item>heart rate from <c>average_heartrate</c>; the time is <c>start_date</c> (UTC), never the local one, whose
///   <c>Z</c> suffix is misleading; the id is Strava's activity id as sent.</item>
/// </list>
/// Manual and trainer activities map the same way. See <see cref="ProviderEvents"/> for what is left out or dropped.
/// </summary>
internal static class StravaActivityMapper
{
    public static HealthEvent? Map(JsonElement activity, DateTimeOffset now)
    {
        if (activity.Text("id") is not { Length: > 0 } id || activity.Instant("start_date") is not { } start)
        {
            return null;
        }

        var seconds = activity.Number("moving_time") is > 0 and var moving ? (double?)moving : activity.Number("elapsed_time");
        if (seconds is not { } s)
        {
            return null;
        }

        var distance = activity.Number("distance") is > 0 and var metres ? metres / 1000 : (double?)null;
        var energy = activity.Number("calories") is > 0 and var kcal ? kcal : activity.Number("kilojoules") is > 0 and var kj ? kj : (double?)null;
        var activityName = StravaSports.ToActivity(activity.Text("sport_type") ?? activity.Text("type"));
        return ProviderEvents.Workout(id, start, activityName, s / 60, distance, energy, activity.Number("average_heartrate"), now);
    }

    /// <summary>A list response (<c>GET /athlete/activities</c>); anything that is not an activity is skipped.</summary>
    public static IReadOnlyList<HealthEvent> MapList(JsonElement activities, DateTimeOffset now) =>
        activities.ValueKind == JsonValueKind.Array
            ? [.. activities.EnumerateArray().Select(a => Map(a, now)).OfType<HealthEvent>()]
            : [];
}
