using System.Text.Json;
using CsCheck;
using SkinProgress.Contracts;
using SkinProgress.Days;
using SkinProgress.Events;
using SkinProgress.Sources;

namespace SkinProgress.Core.Tests.Sources;

/// <summary>
/// A day is a pure function of the stored events and the priorities: multi-source histories with overlaps, near
/// misses, re-sends and removals, applied in random orders and groupings with each touched day recomputed from a
/// bounded read in random order, end with the days a direct computation over the whole history gives.
/// </summary>
public sealed class SourceMergePropertyTests
{
    private static readonly DateTimeOffset Start = new(2026, 3, 26, 0, 0, 0, TimeSpan.Zero);

    private static readonly string[] Devices = ["polar", "strava", "apple_health", "garmin", "garmin#2", "withings", "manual"];

    /// <summary>Zones with a daylight-saving change inside the generated span, and one far from UTC.</summary>
    private static readonly string[] Zones = ["UTC", "Europe/Berlin", "America/New_York", "Pacific/Kiritimati"];

    /// <summary>Start offsets on both sides of the five-minute and half-overlap thresholds, and far ones.</summary>
    private static readonly Gen<double> StartShift = Gen.Frequency(
        (3, Gen.OneOf(0d, 1, -1, 4.99, 5, 5.01, -5, -5.01, 29.99, 30, 30.01)),
        (1, Gen.Int[-180, 180].Select(m => (double)m)));

    /// <summary>Duration factors on both sides of 20 %; quarter minutes keep every sum exact.</summary>
    private static readonly Gen<double> DurationFactor = Gen.OneOf(1d, 0.8, 0.79, 1.25, 1.27, 0.5, 2);

    private static readonly Gen<Priorities> PriorityGen = Gen.Frequency(
        (2, Gen.Const(new Priorities(SourcePriorities.Default))),
        (1, Gen.Shuffle(Devices.Select(Reports.SourceOf).Distinct().ToArray()).Select(order =>
            new Priorities(new SourcePriorities(order, [.. order.Reverse()], order[..2])))));

    /// <summary>One real thing and the reports the chosen devices made of it, each report maybe re-sent changed.</summary>
    private static readonly Gen<Thing> ThingGen =
        Gen.Select(Gen.Int[0, 4], Gen.Int[0, 7 * 24 * 60], Gen.Int[1, 96], Gen.Int[0, Devices.Length - 1].Array[1, 3],
                Gen.Select(StartShift, DurationFactor, Gen.Bool, Gen.Int[0, 7], Gen.Int[0, 3]).Array[3], Gen.Int[0, 9])
            .Select((kind, minute, size, devices, reports, resend) => new Thing(kind, minute, size, devices, reports, resend));

    private static readonly Gen<History> HistoryGen =
        Gen.Select(ThingGen.List[0, 30], Gen.OneOf(Zones), PriorityGen, Gen.Int, Gen.Int[1, 6])
            .Select((things, zone, priorities, seed, groups) => new History(things, zone, priorities.Value, seed, groups));

    [Fact]
    public void DaysRecomputedFromBoundedReadsInAnyOrderAndGrouping_EqualTheWholeHistoryComputation()
    {
        HistoryGen.Sample(history =>
        {
            var deliveries = history.Deliveries();
            var random = new Random(history.Seed);
            var store = new Dictionary<EventKey, SourcedEvent>();
            var days = new Dictionary<DateOnly, string>();
            foreach (var group in deliveries.OrderBy(_ => random.Next()).Chunk(Math.Max(1, deliveries.Count / history.Groups)))
            {
                var touched = new HashSet<DateOnly>();
                foreach (var delivery in group)
                {
                    var key = new EventKey(delivery.Event.Source, delivery.Event.Event.Id);
                    if (store.Remove(key, out var old))
                    {
                        touched.Add(old.LocalDate);
                    }

                    if (!delivery.Removal)
                    {
                        store[key] = delivery.Event;
                        touched.Add(delivery.Event.LocalDate);
                    }
                }

                foreach (var date in touched.SelectMany(Around).Distinct())
                {
                    var (from, to) = MergeWindow.ToRead(date);
                    var read = store.Values.Where(e => e.LocalDate >= from && e.LocalDate <= to).OrderBy(_ => random.Next()).ToList();
                    if (read.Any(e => e.LocalDate == date))
                    {
                        days[date] = Json(SourceMerge.ComputeDay(date, read, history.Priorities));
                    }
                    else
                    {
                        days.Remove(date);
                    }
                }
            }

            var expected = store.Values.Select(e => e.LocalDate).Distinct()
                .ToDictionary(d => d, d => Json(SourceMerge.ComputeDay(d, store.Values, history.Priorities)));
            return expected.Count == days.Count && expected.All(d => days.TryGetValue(d.Key, out var got) && got == d.Value);
        }, iter: 300, print: Print);
    }

    [Fact]
    public void OneSourceAlone_GivesExactlyTheCalculatorsTotals()
    {
        HistoryGen.Sample(history =>
        {
            var deliveries = history.Deliveries();
            var polar = deliveries.Where(d => !d.Removal).Select(d => d.Event)
                .Select(e => e with { DeviceId = Guid.Empty, Source = "polar", Event = e.Event with { Id = $"{e.Source}/{e.Event.Id}" } })
                .DistinctBy(e => e.Event.Id).ToList();
            return polar.GroupBy(e => e.LocalDate).All(day =>
                Json(SourceMerge.ComputeDay(day.Key, polar, history.Priorities).Totals)
                == Json(DailyTotalsCalculator.Compute(day.Key, day.Select(e => e.Event))));
        }, iter: 300, print: Print);
    }

    [Fact]
    public void RealWorkoutsReportedByUpToThreeSources_CountOnceEach_FromTheHighestRankedReporter()
    {
        var real = Gen.Select(Gen.Int[0, 40], Gen.Int[10, 240], Gen.Int[0, 4].Array[1, 3], Gen.Int[-2, 2], Gen.Int[-5, 5])
            .Select((hours, minutes, devices, shift, percent) => (hours, minutes, devices: devices.Distinct().ToArray(), shift, percent))
            .List[1, 12];
        real.Sample(workouts =>
        {
            var reports = new Reports();
            var sources = new[] { "polar", "garmin", "apple_health", "strava", "manual" };
            var events = new List<SourcedEvent>();
            var expectedMinutes = 0d;
            for (var i = 0; i < workouts.Count; i++)
            {
                // Six hours apart: two real workouts never overlap, so only reports of one workout can match.
                var (_, minutes, devices, shift, percent) = workouts[i];
                var at = Start.AddHours(6 * i + workouts[i].hours % 2);
                // Reports other than polar's start up to two minutes off and last up to 5 % longer or shorter.
                double Length(int device) => Math.Round(minutes * (1 + (device == 0 ? 0 : percent) / 100d) * 4) / 4;
                foreach (var device in devices)
                {
                    events.Add(reports.Workout(sources[device], at.AddMinutes(device == 0 ? 0 : shift), Length(device)));
                }

                // The default ranks the sources in the order of the array; devices tie-break among equal detail.
                expectedMinutes += Length(devices.Min());
            }

            var days = events.Select(e => e.LocalDate).Distinct().Select(d => SourceMerge.ComputeDay(d, events, SourcePriorities.Default)).ToList();
            var held = days.Sum(d => d.Totals.EventCount);
            var minutesCounted = days.Sum(d => d.Totals.WorkoutMinutes.Values.Sum());
            return held == events.Count && Math.Abs(minutesCounted - expectedMinutes) < 1e-6
                && days.Sum(d => d.Explanation.Merged.Count) == events.Count - workouts.Count;
        }, iter: 500);
    }

    private static IEnumerable<DateOnly> Around(DateOnly date)
    {
        var (from, to) = MergeWindow.Affected(date);
        for (var d = from; d <= to; d = d.AddDays(1))
        {
            yield return d;
        }
    }

    private static string Json(object value) => JsonSerializer.Serialize(value);

    private static string Print(History history) =>
        $"{history.Zone}, {Json(history.Priorities)}, seed {history.Seed}, {history.Groups} groups:\n"
        + string.Join("\n", history.Deliveries().Select(Json));

    private sealed record Priorities(SourcePriorities Value);

    private sealed record Delivery(SourcedEvent Event, bool Removal);

    private sealed record Thing(int Kind, int Minute, int Size, int[] Devices, (double Shift, double Factor, bool Other, int Detail, int Weight)[] Reports, int Resend);

    private sealed record History(List<Thing> Things, string Zone, SourcePriorities Priorities, int Seed, int Groups)
    {
        /// <summary>Every report as delivered: the first version, a changed re-send of some, a removal of a few.</summary>
        public List<Delivery> Deliveries()
        {
            var reports = new Reports(TimeZoneInfo.FindSystemTimeZoneById(Zone));
            var deliveries = new List<Delivery>();
            foreach (var thing in Things)
            {
                var at = Start.AddMinutes(thing.Minute);
                foreach (var (device, i) in thing.Devices.Distinct().Select((d, i) => (Devices[d], i)))
                {
                    var report = thing.Reports[i];
                    var e = Report(reports, thing, device, at.AddMinutes(report.Shift), report);
                    deliveries.Add(new Delivery(e, false));
                    if (thing.Resend == i)
                    {
                        var changed = Report(reports, thing, device, at.AddMinutes(report.Shift + 3), report with { Factor = report.Factor * 1.5 });
                        deliveries.Add(new Delivery(changed with { Event = changed.Event with { Id = e.Event.Id } }, false));
                    }

                    if (thing.Resend == 9 && i == 0)
                    {
                        deliveries.Add(new Delivery(e, true));
                    }
                }
            }

            return deliveries;
        }

        private static SourcedEvent Report(Reports reports, Thing thing, string device, DateTimeOffset at,
            (double Shift, double Factor, bool Other, int Detail, int Weight) report)
        {
            var quarter = (double x) => Math.Round(x * 4) / 4;
            return thing.Kind switch
            {
                // Up to a whole day long, so the window's bound is exercised.
                0 => reports.Workout(device, at, Math.Min(1440, quarter(thing.Size * 15 * report.Factor)),
                    report.Other ? Activities.Other : thing.Size % 3 == 0 ? Activities.Cycling : Activities.Running,
                    (report.Detail & 1) != 0 ? 5 : null, (report.Detail & 2) != 0 ? 140 : null, (report.Detail & 4) != 0 ? 300 : null),
                1 => reports.WeighIn(device, at, 80 + report.Weight * 0.25),
                2 => reports.Meal(device, at, quarter(thing.Size * report.Factor), report.Other ? null : thing.Size * 10),
                3 => reports.Drink(device, at, quarter(thing.Size * 10 * report.Factor)),
                _ => reports.At(device, new HealthEvent($"{device}-skin-{thing.Minute}", EventTypes.SkinCheck, at,
                    SkinCheck: new SkinCheck(new Dictionary<string, int> { ["arms"] = 1 }, []))),
            };
        }
    }
}
