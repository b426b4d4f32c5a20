using SkinProgress.Contracts;
using SkinProgress.Days;
using SkinProgress.Events;

namespace SkinProgress.Sources;

/// <summary>
/// Counts each real workout, weigh-in and day of eating once when several sources report it (docs/rules.md,
/// Merging sources). Pure: a day is a function of the stored events and the priorities alone.
/// <para>
/// Workouts and weigh-ins resolve in one hop: an event counts unless it is the same as an event from another
/// source that outranks it, and then it is merged into the highest-ranked of those. Resolving greedily in rank
/// order instead (an event counts unless it matches an already counted one) would let a decision ride a chain of
/// overlaps across any number of days, so no bounded read could compute a day; the one-hop rule keeps every
/// decision within <see cref="MergeWindow"/>. The two differ only when three reports of three different ranks each
/// match the next but the outer two do not match each other: then the lowest is merged too.
/// </para>
/// <para>
/// Rank: the source's place in the user's priority for the data type, then (workouts) more detail (distance,
/// heart rate, energy), then device id, then event id — a total order, so no tie is left to arrival order.
/// </para>
/// </summary>
public static class SourceMerge
{
    public const string Protein = "protein";
    public const string Energy = "energy";
    public const string Fluids = "fluids";

    /// <summary>
    /// Day <paramref name="date"/> of the stored events given: they must include every event of the days
    /// <see cref="MergeWindow.ToRead"/> names (more are harmless), each key once.
    /// </summary>
    public static MergedDay ComputeDay(DateOnly date, IEnumerable<SourcedEvent> events, SourcePriorities priorities)
    {
        ArgumentNullException.ThrowIfNull(events);
        ArgumentNullException.ThrowIfNull(priorities);
        var all = events.ToList();
        var day = all.Where(e => e.LocalDate == date).ToList();
        var counted = new List<HealthEvent>();
        var countedSources = new Dictionary<string, SortedSet<string>>(StringComparer.Ordinal);
        var merged = new List<MergedEvent>();
        var tallySources = new SortedSet<string>(StringComparer.Ordinal);
        int workoutsMerged = 0, weighInsMerged = 0;

        void Count(string part, SourcedEvent e)
        {
            counted.Add(e.Event);
            if (!countedSources.TryGetValue(part, out var sources))
            {
                countedSources[part] = sources = new SortedSet<string>(StringComparer.Ordinal);
            }

            sources.Add(e.Source);
        }

        foreach (var (type, rank, same) in new (string, IComparer<SourcedEvent>, Func<HealthEvent, HealthEvent, bool>)[]
        {
            (EventTypes.Workout, new EventRank(priorities.Comparer(PriorityKind.Workout), byDetail: true), WorkoutMatch.AreSame),
            (EventTypes.Weight, new EventRank(priorities.Comparer(PriorityKind.Weight), byDetail: false), WeighInMatch.AreSame),
        })
        {
            var candidates = all.Where(e => e.Event.Type == type).ToList();
            foreach (var e in day.Where(e => e.Event.Type == type))
            {
                var matches = candidates.Where(m => m.DeviceId != e.DeviceId && same(e.Event, m.Event)).ToList();
                var above = matches.Where(m => rank.Compare(m, e) < 0).ToList();
                if (above.Count > 0)
                {
                    var into = above.Min(rank)!;
                    merged.Add(new MergedEvent(type, Key(e), Key(into)));
                    continue;
                }

                Count(type, e);
                if (matches.Count > 0)
                {
                    if (type == EventTypes.Workout)
                    {
                        workoutsMerged++;
                    }
                    else
                    {
                        weighInsMerged++;
                    }

                    tallySources.Add(e.Source);
                    tallySources.UnionWith(matches.Select(m => m.Source));
                }
            }
        }

        foreach (var check in day.Where(e => e.Event.SkinCheck is not null))
        {
            Count(EventTypes.SkinCheck, check);
        }

        // Meals and drinks: each value from the one source ranked highest among those that reported it that day
        // (apps mirror whole days into the phone's store, so adding sources up would count a day twice).
        var nutrition = new DeviceRank(priorities.Comparer(PriorityKind.Nutrition));
        var meals = day.Where(e => e.Event.Meal is not null).ToList();
        var drinks = day.Where(e => e.Event.Hydration is not null).ToList();
        var proteinSource = Top(meals, nutrition);
        var energySource = Top(meals.Where(e => e.Event.Meal!.EnergyKcal is not null), nutrition);
        var fluidsSource = Top(drinks, nutrition);
        foreach (var meal in meals.Where(e => e.DeviceId == proteinSource?.DeviceId))
        {
            Count(Protein, meal);
        }

        foreach (var drink in drinks.Where(e => e.DeviceId == fluidsSource?.DeviceId))
        {
            Count(Fluids, drink);
        }

        if (energySource is { } energy)
        {
            countedSources[Energy] = new SortedSet<string>(StringComparer.Ordinal) { energy.Source };
        }

        // Every meal carries protein, so the protein source is the energy source too whenever it reported energy;
        // only when it reported none do another source's meals count, for their energy alone.
        var energyMeals = energySource == proteinSource ? [] : meals.Where(e => e.DeviceId == energySource?.DeviceId).ToList();
        // The day still holds every report it was sent, merged or not: only what they add up to is counted once.
        var totals = DailyTotalsCalculator.Compute(date, counted) with { EventCount = day.Count };
        if (energyMeals.Count > 0)
        {
            totals = totals with { EnergyKcal = Math.Round(energyMeals.Sum(m => m.Event.Meal!.EnergyKcal ?? 0), 4) };
        }

        var explanation = new DayExplanation(
            new SortedDictionary<string, IReadOnlyList<string>>(
                countedSources.ToDictionary(p => p.Key, p => (IReadOnlyList<string>)[.. p.Value]), StringComparer.Ordinal),
            [.. merged.OrderBy(m => m.Event.Source, StringComparer.Ordinal).ThenBy(m => m.Event.Id, StringComparer.Ordinal)],
            workoutsMerged + weighInsMerged == 0 ? MergeTally.None : new MergeTally(workoutsMerged, weighInsMerged, [.. tallySources]));
        return new MergedDay(totals, explanation);
    }

    private static EventKey Key(SourcedEvent e) => new(e.Source, e.Event.Id);

    private static (Guid DeviceId, string Source)? Top(IEnumerable<SourcedEvent> events, DeviceRank rank) =>
        events.Select(e => (e.DeviceId, e.Source)).Distinct().Order(rank).Select(d => ((Guid, string)?)d).FirstOrDefault();

    /// <summary>Highest first: source priority, then (for workouts) detail, then device id, then event id.</summary>
    private sealed class EventRank(IComparer<string> sources, bool byDetail) : IComparer<SourcedEvent>
    {
        public int Compare(SourcedEvent? x, SourcedEvent? y)
        {
            ArgumentNullException.ThrowIfNull(x);
            ArgumentNullException.ThrowIfNull(y);
            var order = sources.Compare(x.Source, y.Source);
            if (order == 0 && byDetail)
            {
                order = Detail(y.Event.Workout!).CompareTo(Detail(x.Event.Workout!));
            }

            if (order == 0)
            {
                order = x.DeviceId.CompareTo(y.DeviceId);
            }

            return order != 0 ? order : string.CompareOrdinal(x.Event.Id, y.Event.Id);
        }

        private static int Detail(Workout w) =>
            (w.DistanceKm is null ? 0 : 1) + (w.AvgHeartRate is null ? 0 : 1) + (w.EnergyKcal is null ? 0 : 1);
    }

    /// <summary>Highest first: source priority, then device id (two devices of one source name tie on priority).</summary>
    private sealed class DeviceRank(IComparer<string> sources) : IComparer<(Guid DeviceId, string Source)>
    {
        public int Compare((Guid DeviceId, string Source) x, (Guid DeviceId, string Source) y)
        {
            var order = sources.Compare(x.Source, y.Source);
            return order != 0 ? order : x.DeviceId.CompareTo(y.DeviceId);
        }
    }
}
