namespace SkinProgress.Sources;

/// <summary>
/// A user's order of trust in their sources, per data type, by source name (two devices of the same source name
/// rank the same). A list ranks the names it holds first, in its order; every other source of
/// <see cref="DeviceSources"/> follows in the default order, then any other name by ordinal. So a partial list only
/// moves what it names to the front.
/// </summary>
public sealed record SourcePriorities(IReadOnlyList<string> Workout, IReadOnlyList<string> Weight, IReadOnlyList<string> Nutrition)
{
    /// <summary>
    /// Workouts: devices that record before the platforms that copy (Strava, the phone's health stores), which
    /// drop laps, heart rate or energy. Weight: scales before watches, watches before phones, typed in last.
    /// Nutrition: the person's own logging before the phone stores that mirror whole days of it.
    /// </summary>
    public static readonly SourcePriorities Default = new(
        ["polar", "garmin", "suunto", "fitbit", "withings", "apple_health", "google_fit", "strava", "manual", "other"],
        ["withings", "garmin", "fitbit", "polar", "suunto", "apple_health", "google_fit", "strava", "manual", "other"],
        ["manual", "other", "fitbit", "garmin", "withings", "polar", "suunto", "strava", "apple_health", "google_fit"]);

    public IReadOnlyList<string> For(PriorityKind kind) => kind switch
    {
        PriorityKind.Workout => Workout,
        PriorityKind.Weight => Weight,
        _ => Nutrition,
    };

    /// <summary>The full order of a data type: this list, then the default's remaining names.</summary>
    public IReadOnlyList<string> Effective(PriorityKind kind)
    {
        var own = For(kind);
        return [.. own, .. Default.For(kind).Where(name => !own.Contains(name, StringComparer.Ordinal))];
    }

    /// <summary>Orders source names by this ranking, highest first.</summary>
    public IComparer<string> Comparer(PriorityKind kind) => new SourceOrder(Effective(kind));
}
