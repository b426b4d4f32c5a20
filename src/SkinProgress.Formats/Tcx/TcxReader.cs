using System.Xml;
using SkinProgress.Events;

namespace SkinProgress.Formats.Tcx;

/// <summary>
/// Reads Garmin Training Center files: one workout per Activity, its laps summed. Planned workouts and
/// courses share the format but describe no performed exercise, so a file with no Activity is rejected
/// rather than guessed into one.
/// </summary>
internal static class TcxReader
{
    public static IEnumerable<ImportItem> Read(Stream stream)
    {
        using var reader = SecureXml.Open(stream);
        if (reader.MoveToContent() != XmlNodeType.Element || reader.LocalName != "TrainingCenterDatabase")
        {
            throw new BrokenFileException("wrong_format", "The file is not a TCX file: its root element is not TrainingCenterDatabase.");
        }

        var activities = 0;
        var plans = false;
        while (reader.Read())
        {
            if (reader.NodeType != XmlNodeType.Element)
            {
                continue;
            }

            if (reader.LocalName == "Activity" && reader.Depth == 2)
            {
                activities++;
                var sport = reader.GetAttribute("Sport");
                using var activity = reader.ReadSubtree();
                yield return ReadActivity(activity, sport);
            }
            else if (reader.LocalName is "Workouts" or "Courses" && reader.Depth == 1)
            {
                plans = true;
            }
        }

        if (activities == 0)
        {
            throw new BrokenFileException(
                "no_activity",
                plans
                    ? "The TCX file holds planned workouts or courses, not a recorded activity."
                    : "The TCX file holds no recorded activity.");
        }
    }

    private static ImportItem ReadActivity(XmlReader reader, string? sport)
    {
        string? id = null;
        var laps = new List<Lap>();
        string? depth2Element = null;
        reader.Read();
        reader.Read();
        while (!reader.EOF)
        {
            if (reader.NodeType != XmlNodeType.Element)
            {
                reader.Read();
                continue;
            }

            var depth = reader.Depth;
            var name = reader.LocalName;
            if (depth == 2)
            {
                depth2Element = name;
            }

            var lap = laps.Count > 0 ? laps[^1] : null;
            switch (depth, name)
            {
                case (1, "Id"):
                    id = reader.ReadElementContentAsString().Trim();
                    break;
                case (1, "Lap"):
                    laps.Add(new Lap { StartTime = XmlValues.IsoTime(reader.GetAttribute("StartTime")) });
                    reader.Read();
                    break;
                case (2, "TotalTimeSeconds") when lap is not null:
                    lap.Seconds = XmlValues.Number(reader.ReadElementContentAsString());
                    break;
                case (2, "DistanceMeters") when lap is not null:
                    lap.Meters = XmlValues.Number(reader.ReadElementContentAsString());
                    break;
                case (2, "Calories") when lap is not null:
                    lap.Calories = XmlValues.Number(reader.ReadElementContentAsString());
                    break;
                case (3, "Value") when lap is not null && depth2Element == "AverageHeartRateBpm":
                    lap.HeartRate = XmlValues.Number(reader.ReadElementContentAsString());
                    break;
                default:
                    reader.Read();
                    break;
            }
        }

        return ToWorkout(id, sport, laps);
    }

    private static ImportItem ToWorkout(string? id, string? sport, List<Lap> laps)
    {
        var start = XmlValues.IsoTime(id) ?? laps.Select(l => l.StartTime).FirstOrDefault(t => t is not null);
        if (start is not { } startedAt || string.IsNullOrEmpty(id))
        {
            return ImportItem.Of(new ImportWarning("undated_workout", "A TCX activity has no start time in its Id; skipped."));
        }

        var eventId = XmlValues.Id("tcx:", id);
        double seconds = 0, hrWeighted = 0, hrSeconds = 0;
        double? meters = null, calories = null;
        foreach (var lap in laps)
        {
            var lapSeconds = lap.Seconds is > 0 ? lap.Seconds.Value : 0;
            seconds += lapSeconds;
            meters = lap.Meters is >= 0 ? (meters ?? 0) + lap.Meters : meters;
            calories = lap.Calories is >= 0 ? (calories ?? 0) + lap.Calories : calories;
            if (lap.HeartRate is { } hr && lapSeconds > 0)
            {
                hrWeighted += hr * lapSeconds;
                hrSeconds += lapSeconds;
            }
        }

        var activity = sport switch
        {
            "Running" => Activities.Running,
            "Biking" => Activities.Cycling,
            _ => Activities.Other,
        };
        var workout = HealthEvents.Workout(
            eventId, startedAt, activity, seconds / 60, meters / 1000, calories, hrSeconds > 0 ? hrWeighted / hrSeconds : null);
        return workout is null
            ? ImportItem.Of(new ImportWarning("out_of_range", $"TCX activity {id} has no duration within (0, 24 h]; skipped."))
            : ImportItem.Of(workout);
    }

    private sealed class Lap
    {
        public DateTimeOffset? StartTime { get; init; }

        public double? Seconds { get; set; }

        public double? Meters { get; set; }

        public double? Calories { get; set; }

        public double? HeartRate { get; set; }
    }
}
