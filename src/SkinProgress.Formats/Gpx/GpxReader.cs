using System.Globalization;
using System.Xml;
using SkinProgress.Events;

namespace SkinProgress.Formats.Gpx;

/// <summary>
/// Reads GPX 1.0 and 1.1 tracks into workouts. Element names are matched without their namespace, which is
/// how both versions and the many vendor heart-rate extensions (any prefix, any version) are read alike.
/// </summary>
internal static class GpxReader
{
    public static IEnumerable<ImportItem> Read(Stream stream)
    {
        using var reader = SecureXml.Open(stream);
        if (reader.MoveToContent() != XmlNodeType.Element || reader.LocalName != "gpx")
        {
            throw new BrokenFileException("wrong_format", "The file is not a GPX file: its root element is not gpx.");
        }

        var trackIndex = 0;
        while (reader.Read())
        {
            if (reader.NodeType == XmlNodeType.Element && reader.LocalName == "trk" && reader.Depth == 1)
            {
                using var track = reader.ReadSubtree();
                yield return ReadTrack(track, trackIndex++);
            }
        }
    }

    private static ImportItem ReadTrack(XmlReader reader, int trackIndex)
    {
        var summary = new TrackSummary();
        string? type = null;
        reader.Read();
        reader.Read();
        while (!reader.EOF)
        {
            if (reader.NodeType == XmlNodeType.EndElement && reader.Depth == 2 && reader.LocalName == "trkpt")
            {
                summary.EndPoint();
                reader.Read();
                continue;
            }

            if (reader.NodeType != XmlNodeType.Element)
            {
                reader.Read();
                continue;
            }

            switch (reader.Depth, reader.LocalName)
            {
                case (1, "type"):
                    type = reader.ReadElementContentAsString();
                    break;
                case (1, "trkseg"):
                    summary.StartSegment();
                    reader.Read();
                    break;
                case (2, "trkpt"):
                    summary.StartPoint(XmlValues.Number(reader.GetAttribute("lat")), XmlValues.Number(reader.GetAttribute("lon")));
                    if (reader.IsEmptyElement)
                    {
                        summary.EndPoint();
                    }

                    reader.Read();
                    break;
                case (3, "time"):
                    summary.SetTime(XmlValues.IsoTime(reader.ReadElementContentAsString()));
                    break;
                case (> 3, "hr"):
                    summary.SetHeartRate(XmlValues.Number(reader.ReadElementContentAsString()));
                    break;
                default:
                    reader.Read();
                    break;
            }
        }

        return summary.ToItem(trackIndex, Activity(type));
    }

    private static string Activity(string? type)
    {
        var t = type?.Trim().ToUpperInvariant() ?? string.Empty;
        return t switch
        {
            _ when t.Contains("RUN", StringComparison.Ordinal) => Activities.Running,
            _ when t.Contains("BIK", StringComparison.Ordinal) || t.Contains("CYCL", StringComparison.Ordinal) || t.Contains("RIDE", StringComparison.Ordinal) => Activities.Cycling,
            _ when t.Contains("WALK", StringComparison.Ordinal) || t.Contains("HIK", StringComparison.Ordinal) => Activities.Walking,
            _ when t.Contains("SWIM", StringComparison.Ordinal) => Activities.Swimming,
            _ => Activities.Other,
        };
    }

    /// <summary>Running totals over the points of one track, so no point list is ever kept.</summary>
    private sealed class TrackSummary
    {
        private const double EarthRadiusKm = 6371.0088;

        private int _points;
        private DateTimeOffset? _first;
        private DateTimeOffset? _last;
        private double _distanceKm;
        private double _heartRateSum;
        private int _heartRateCount;
        private (double Lat, double Lon)? _previous;
        private (double Lat, double Lon)? _position;
        private DateTimeOffset? _time;
        private double? _heartRate;
        private bool _inPoint;

        /// <summary>Distance is not counted across segments: a new segment means the recording was paused.</summary>
        public void StartSegment() => _previous = null;

        public void StartPoint(double? lat, double? lon)
        {
            EndPoint();
            _inPoint = true;
            _position = lat is >= -90 and <= 90 && lon is >= -180 and <= 180 ? (lat.Value, lon.Value) : null;
            _time = null;
            _heartRate = null;
        }

        public void SetTime(DateTimeOffset? time) => _time = _inPoint ? time : _time;

        public void SetHeartRate(double? heartRate) => _heartRate = _inPoint ? heartRate : _heartRate;

        public void EndPoint()
        {
            if (!_inPoint)
            {
                return;
            }

            _inPoint = false;
            _points++;
            if (_time is { } time)
            {
                _first = _first is null || time < _first ? time : _first;
                _last = _last is null || time > _last ? time : _last;
            }

            if (_position is { } here)
            {
                if (_previous is { } before)
                {
                    _distanceKm += Haversine(before, here);
                }

                _previous = here;
            }

            if (_heartRate is { } hr)
            {
                _heartRateSum += hr;
                _heartRateCount++;
            }
        }

        public ImportItem ToItem(int trackIndex, string activity)
        {
            EndPoint();
            if (_points == 0)
            {
                return ImportItem.Of(new ImportWarning("empty_track", $"GPX track {trackIndex} has no points; skipped."));
            }

            if (_first is not { } first || _last is not { } last)
            {
                throw new BrokenFileException(
                    "undated_track", $"GPX track {trackIndex} has {_points} points but no times, so it cannot be placed in time.");
            }

            var id = $"gpx:{first.UtcDateTime.ToString("yyyy-MM-ddTHH:mm:ssZ", CultureInfo.InvariantCulture)}:{trackIndex}";
            var workout = HealthEvents.Workout(
                id, first, activity, (last - first).TotalMinutes, _distanceKm, null, _heartRateCount > 0 ? _heartRateSum / _heartRateCount : null);
            return workout is null
                ? ImportItem.Of(new ImportWarning("out_of_range", $"GPX track {trackIndex} spans {(last - first).TotalMinutes:0.#} minutes, not within (0, 24 h]; skipped."))
                : ImportItem.Of(workout);
        }

        private static double Haversine((double Lat, double Lon) a, (double Lat, double Lon) b)
        {
            var dLat = double.DegreesToRadians(b.Lat - a.Lat);
            var dLon = double.DegreesToRadians(b.Lon - a.Lon);
            var h = (Math.Sin(dLat / 2) * Math.Sin(dLat / 2))
                + (Math.Cos(double.DegreesToRadians(a.Lat)) * Math.Cos(double.DegreesToRadians(b.Lat)) * Math.Sin(dLon / 2) * Math.Sin(dLon / 2));
            return 2 * EarthRadiusKm * Math.Asin(Math.Min(1, Math.Sqrt(h)));
        }
    }
}
