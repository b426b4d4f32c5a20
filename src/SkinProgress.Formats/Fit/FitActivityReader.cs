namespace SkinProgress.Formats.Fit;

/// <summary>
/// Turns decoded FIT messages into workout and weight events. Summaries are collected per file and emitted
/// only once the decoder has moved past that file's CRC, so a damaged file never yields events.
/// </summary>
internal static class FitActivityReader
{
    private const ushort FileIdMessage = 0;
    private const ushort SessionMessage = 18;
    private const ushort LapMessage = 19;
    private const ushort SportMessage = 12;
    private const ushort WeightScaleMessage = 30;
    private const ushort ActivityMessage = 34;

    /// <summary>Timestamps below this are seconds since a device power-up, not since the FIT epoch.</summary>
    private const uint FirstAbsoluteTimestamp = 0x10000000;

    private static readonly DateTimeOffset Epoch = new(1989, 12, 31, 0, 0, 0, TimeSpan.Zero);

    public static IEnumerable<ImportItem> Read(Stream stream)
    {
        FileSummary? file = null;
        foreach (var message in FitDecoder.Decode(stream))
        {
            if (file is null || file.Index != message.FileIndex)
            {
                if (file is not null)
                {
                    foreach (var item in file.ToItems())
                    {
                        yield return item;
                    }
                }

                file = new FileSummary(message.FileIndex);
            }

            file.Add(message);
        }

        if (file is not null)
        {
            foreach (var item in file.ToItems())
            {
                yield return item;
            }
        }
    }

    /// <summary>
    /// A FIT date_time is a uint32, so a time past its range (a field stored as a float or a 64-bit type, or a start
    /// derived from a huge duration) is no date at all; taken as one it would be past DateTimeOffset's year 9999.
    /// </summary>
    private static DateTimeOffset? ToDate(double? fitTimestamp) =>
        fitTimestamp is { } t && t is >= FirstAbsoluteTimestamp and <= uint.MaxValue ? Epoch.AddSeconds(t) : null;

    private sealed class FileSummary(int index)
    {
        private readonly List<FitMessage> _sessions = [];
        private readonly List<FitMessage> _laps = [];
        private readonly List<FitMessage> _weights = [];
        private FitMessage? _fileId;
        private FitMessage? _activity;
        private FitMessage? _sport;

        public int Index { get; } = index;

        public void Add(FitMessage message)
        {
            switch (message.GlobalNumber)
            {
                case FileIdMessage:
                    _fileId ??= message;
                    break;
                case SessionMessage:
                    _sessions.Add(message);
                    break;
                case LapMessage:
                    _laps.Add(message);
                    break;
                case SportMessage:
                    _sport ??= message;
                    break;
                case ActivityMessage:
                    _activity ??= message;
                    break;
                case WeightScaleMessage:
                    _weights.Add(message);
                    break;
            }
        }

        public IEnumerable<ImportItem> ToItems()
        {
            var serial = _fileId?.GetValue(3) is { } s ? ((ulong)s).ToString(System.Globalization.CultureInfo.InvariantCulture) : "0";
            var created = _fileId?.GetValue(4) is { } c ? ((ulong)c).ToString(System.Globalization.CultureInfo.InvariantCulture) : "0";
            var prefix = $"fit:{serial}:{created}";

            if (_sessions.Count > 0)
            {
                for (var i = 0; i < _sessions.Count; i++)
                {
                    var m = _sessions[i];
                    yield return Workout(
                        $"{prefix}:session:{i}", Start(m, m.GetValue(2)), m.GetValue(8), m.GetValue(7), m.GetValue(9), m.GetValue(11), m.GetValue(16),
                        FitSports.ToActivity(m.GetValue(5), m.GetValue(6)));
                }
            }
            else if (_laps.Count > 0)
            {
                yield return LapsWorkout($"{prefix}:laps:0");
            }
            else if (_activity is { } a && a.GetValue(0) is { } timer)
            {
                var start = a.Timestamp is { } end ? end - (timer / 1000) : (double?)null;
                yield return Workout(
                    $"{prefix}:activity:0", start, timer, null, null, null, null, FitSports.ToActivity(_sport?.GetValue(0), _sport?.GetValue(1)));
            }

            foreach (var w in _weights)
            {
                yield return WeightItem(prefix, w);
            }
        }

        private static double? Start(FitMessage m, double? startTime) =>
            startTime ?? (m.Timestamp is { } end && m.GetValue(7) is { } elapsed ? end - (elapsed / 1000) : null);

        private ImportItem LapsWorkout(string id)
        {
            double timer = 0, distance = 0, calories = 0, hrWeighted = 0, hrTime = 0;
            bool hasDistance = false, hasCalories = false;
            double? start = null;
            foreach (var lap in _laps)
            {
                var lapStart = Start(lap, lap.GetValue(2));
                if (lapStart is { } ls && (start is null || ls < start))
                {
                    start = ls;
                }

                var seconds = (lap.GetValue(8) ?? lap.GetValue(7) ?? 0) / 1000;
                timer += seconds;
                hasDistance |= lap.GetValue(9) is not null;
                distance += lap.GetValue(9) ?? 0;
                hasCalories |= lap.GetValue(11) is not null;
                calories += lap.GetValue(11) ?? 0;
                if (lap.GetValue(15) is { } hr)
                {
                    hrWeighted += hr * seconds;
                    hrTime += seconds;
                }
            }

            return Workout(
                id, start, timer * 1000, null, hasDistance ? distance : null, hasCalories ? calories : null, hrTime > 0 ? hrWeighted / hrTime : null,
                FitSports.ToActivity(_laps[0].GetValue(25), _laps[0].GetValue(39)));
        }

        private static ImportItem Workout(
            string id, double? start, double? timerMs, double? elapsedMs, double? distanceCm, double? calories, double? heartRate, string activity)
        {
            if (ToDate(start) is not { } startedAt)
            {
                return ImportItem.Of(new ImportWarning(
                    "undated_workout", $"Workout {id} has no absolute start time (device-relative, missing or out of range), so it cannot be placed on a day."));
            }

            var durationMs = timerMs ?? elapsedMs;
            var healthEvent = durationMs is { } ms
                ? HealthEvents.Workout(id, startedAt, activity, ms / 60000, distanceCm / 100000, calories, heartRate)
                : null;
            return healthEvent is null
                ? ImportItem.Of(new ImportWarning("out_of_range", $"Workout {id} has no duration within (0, 24 h]; skipped."))
                : ImportItem.Of(healthEvent);
        }

        private static ImportItem WeightItem(string prefix, FitMessage m)
        {
            var timestamp = m.Timestamp;
            if (ToDate(timestamp) is not { } at)
            {
                return ImportItem.Of(new ImportWarning("undated_weight", "A weight_scale message has no absolute timestamp; skipped."));
            }

            var id = $"{prefix}:weight:{timestamp}";

            // 0xFFFE is the scale's "still calculating" marker, never a weight.
            var weight = m.GetValue(0) is { } w and not 0xFFFE ? HealthEvents.Weight(id, at, w / 100, m.GetValue(1) / 100) : null;
            return weight is null
                ? ImportItem.Of(new ImportWarning("out_of_range", $"Weight {id} is missing or outside 20–400 kg; skipped."))
                : ImportItem.Of(weight);
        }
    }
}
