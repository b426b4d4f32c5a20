using System.IO.Compression;
using System.Xml;
using SkinProgress.Contracts;
using SkinProgress.Events;

namespace SkinProgress.Formats.AppleHealth;

/// <summary>
/// Reads an Apple Health export (export.xml, or the zip the Health app writes) element by element: exports
/// reach gigabytes, so nothing but the current element is ever held. Records of types we do not use are
/// passed over silently; records we use but cannot accept are skipped and counted in warnings at the end.
/// </summary>
internal static class AppleHealthReader
{
    private const string ExportPath = "apple_health_export/export.xml";

    public static IEnumerable<ImportItem> ReadZip(Stream stream)
    {
        using var archive = OpenArchive(stream);
        var entry = archive.GetEntry(ExportPath)
            ?? archive.Entries.FirstOrDefault(e => e.Name == "export.xml")
            ?? throw new BrokenFileException("no_export", "The zip holds no export.xml: it is not an Apple Health export.");
        using var content = OpenEntry(entry);
        foreach (var item in ReadXml(content))
        {
            yield return item;
        }
    }

    public static IEnumerable<ImportItem> ReadXml(Stream stream)
    {
        using var reader = SecureXml.Open(stream);
        if (reader.MoveToContent() != XmlNodeType.Element || reader.LocalName != "HealthData")
        {
            throw new BrokenFileException("wrong_format", "The file is not an Apple Health export: its root element is not HealthData.");
        }

        var tally = new WarningTally();
        while (reader.Read())
        {
            // Records nested in a Correlation repeat top-level ones, so only depth 1 is read.
            if (reader.NodeType != XmlNodeType.Element || reader.Depth != 1)
            {
                continue;
            }

            var healthEvent = reader.LocalName switch
            {
                "Record" => ReadRecord(reader, tally),
                "Workout" => ReadWorkout(reader, tally),
                _ => null,
            };
            if (healthEvent is not null)
            {
                yield return ImportItem.Of(healthEvent);
            }
        }

        foreach (var warning in tally.Drain())
        {
            yield return warning;
        }
    }

    private static ZipArchive OpenArchive(Stream stream)
    {
        try
        {
            return new ZipArchive(stream, ZipArchiveMode.Read, leaveOpen: true);
        }
        catch (Exception ex) when (ex is InvalidDataException or NotSupportedException or ArgumentException or IOException)
        {
            throw new BrokenFileException("invalid_zip", $"The zip archive cannot be opened: {ex.Message}", null, ex);
        }
    }

    private static Stream OpenEntry(ZipArchiveEntry entry)
    {
        try
        {
            return entry.Open();
        }
        catch (Exception ex) when (ex is InvalidDataException or NotSupportedException or IOException)
        {
            throw new BrokenFileException("invalid_zip", $"The export.xml entry cannot be read: {ex.Message}", null, ex);
        }
    }

    private static HealthEvent? ReadRecord(XmlReader reader, WarningTally tally)
    {
        var type = reader.GetAttribute("type");
        if (type is not ("HKQuantityTypeIdentifierBodyMass" or "HKQuantityTypeIdentifierDietaryProtein"
            or "HKQuantityTypeIdentifierDietaryEnergyConsumed" or "HKQuantityTypeIdentifierDietaryWater"))
        {
            return null;
        }

        var startText = reader.GetAttribute("startDate");
        var id = Id(type, reader.GetAttribute("sourceName"), startText, reader.GetAttribute("endDate"));
        if (AppleHealthDate.Parse(startText) is not { } at)
        {
            tally.Add("bad_date", "Records skipped because their startDate could not be read.");
            return null;
        }

        if (XmlValues.Number(reader.GetAttribute("value")) is not { } value)
        {
            tally.Add("bad_value", "Records skipped because their value is not a number.");
            return null;
        }

        var unit = reader.GetAttribute("unit");
        double? converted = type switch
        {
            "HKQuantityTypeIdentifierBodyMass" => AppleHealthUnits.Kilograms(value, unit),
            "HKQuantityTypeIdentifierDietaryProtein" => AppleHealthUnits.Grams(value, unit),
            "HKQuantityTypeIdentifierDietaryEnergyConsumed" => AppleHealthUnits.Kilocalories(value, unit),
            _ => AppleHealthUnits.Millilitres(value, unit),
        };
        if (converted is not { } amount)
        {
            tally.Add("unknown_unit", "Records skipped because their unit is not one we can convert.");
            return null;
        }

        var healthEvent = type switch
        {
            "HKQuantityTypeIdentifierBodyMass" => HealthEvents.Weight(id, at, amount, null),
            "HKQuantityTypeIdentifierDietaryProtein" => HealthEvents.Meal(id, at, amount, null),
            "HKQuantityTypeIdentifierDietaryEnergyConsumed" => HealthEvents.Meal(id, at, 0, amount),
            _ => HealthEvents.Hydration(id, at, amount),
        };
        if (healthEvent is null)
        {
            tally.Add("out_of_range", "Records skipped because their value is outside the accepted range.");
        }

        return healthEvent;
    }

    private static HealthEvent? ReadWorkout(XmlReader reader, WarningTally tally)
    {
        var type = reader.GetAttribute("workoutActivityType");
        var startText = reader.GetAttribute("startDate");
        var endText = reader.GetAttribute("endDate");
        var id = Id("Workout:" + type, reader.GetAttribute("sourceName"), startText, endText);
        var start = AppleHealthDate.Parse(startText);
        var end = AppleHealthDate.Parse(endText);

        var minutes = XmlValues.Number(reader.GetAttribute("duration")) is { } d ? AppleHealthUnits.Minutes(d, reader.GetAttribute("durationUnit")) : null;
        var km = XmlValues.Number(reader.GetAttribute("totalDistance")) is { } km0 ? AppleHealthUnits.Kilometres(km0, reader.GetAttribute("totalDistanceUnit")) : null;
        var kcal = XmlValues.Number(reader.GetAttribute("totalEnergyBurned")) is { } e0 ? AppleHealthUnits.Kilocalories(e0, reader.GetAttribute("totalEnergyBurnedUnit")) : null;
        double? heartRate = null;

        if (!reader.IsEmptyElement)
        {
            // Newer exports (iOS 16+) move the totals into WorkoutStatistics children.
            using var children = reader.ReadSubtree();
            while (children.Read())
            {
                if (children.NodeType != XmlNodeType.Element || children.Depth != 1 || children.LocalName != "WorkoutStatistics")
                {
                    continue;
                }

                var statistic = children.GetAttribute("type") ?? string.Empty;
                var unit = children.GetAttribute("unit");
                var sum = XmlValues.Number(children.GetAttribute("sum"));
                if (statistic.StartsWith("HKQuantityTypeIdentifierDistance", StringComparison.Ordinal) && sum is { } distance)
                {
                    km ??= AppleHealthUnits.Kilometres(distance, unit);
                }
                else if (statistic == "HKQuantityTypeIdentifierActiveEnergyBurned" && sum is { } energy)
                {
                    kcal ??= AppleHealthUnits.Kilocalories(energy, unit);
                }
                else if (statistic == "HKQuantityTypeIdentifierHeartRate" && unit == "count/min")
                {
                    heartRate = XmlValues.Number(children.GetAttribute("average"));
                }
            }
        }

        if (start is not { } startedAt)
        {
            tally.Add("bad_date", "Workouts skipped because their startDate could not be read.");
            return null;
        }

        minutes ??= end is { } endedAt ? (endedAt - startedAt).TotalMinutes : null;
        var workout = minutes is { } m ? HealthEvents.Workout(id, startedAt, Activity(type), m, km, kcal, heartRate) : null;
        if (workout is null)
        {
            tally.Add("out_of_range", "Workouts skipped because their duration is missing or outside (0, 24 h].");
        }

        return workout;
    }

    private static string Activity(string? workoutActivityType) => workoutActivityType switch
    {
        "HKWorkoutActivityTypeRunning" => Activities.Running,
        "HKWorkoutActivityTypeWalking" or "HKWorkoutActivityTypeHiking" => Activities.Walking,
        "HKWorkoutActivityTypeCycling" => Activities.Cycling,
        "HKWorkoutActivityTypeSwimming" => Activities.Swimming,
        "HKWorkoutActivityTypeTraditionalStrengthTraining" or "HKWorkoutActivityTypeFunctionalStrengthTraining" => Activities.StrengthTraining,
        "HKWorkoutActivityTypeHighIntensityIntervalTraining" => Activities.Hiit,
        "HKWorkoutActivityTypeRowing" => Activities.Rowing,
        "HKWorkoutActivityTypeElliptical" => Activities.Elliptical,
        "HKWorkoutActivityTypeYoga" => Activities.Yoga,
        _ => Activities.Other,
    };

    /// <summary>The record's own identity, hashed: source names hold emoji and quotes, and the whole can pass 128 characters.</summary>
    private static string Id(string type, string? sourceName, string? startDate, string? endDate) =>
        "applehealth:" + XmlValues.Hash($"{type}\n{sourceName}\n{startDate}\n{endDate}");
}
