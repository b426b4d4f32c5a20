using SkinProgress.Contracts;
using SkinProgress.Days;
using SkinProgress.Events;

namespace SkinProgress.Core.Tests.Sources;

/// <summary>Builds the stored events of several sources for one user, with local dates in a chosen zone.</summary>
public sealed class Reports(TimeZoneInfo zone)
{
    private readonly Dictionary<string, Guid> devices = new(StringComparer.Ordinal);
    private int next;

    public Reports()
        : this(TimeZoneInfo.Utc)
    {
    }

    /// <summary>A device per name ("polar", or "polar#2" for a second device of the same source); ids sort as they are created.</summary>
    public Guid Device(string name)
    {
        if (!devices.TryGetValue(name, out var id))
        {
            devices[name] = id = new Guid(devices.Count + 1, 0, 0, new byte[8]);
        }

        return id;
    }

    public SourcedEvent Workout(string device, DateTimeOffset start, double minutes, string activity = Activities.Running,
        double? km = null, int? heartRate = null, double? kcal = null) =>
        At(device, new HealthEvent(NewId(device), EventTypes.Workout, start,
            Workout: new Workout(activity, minutes, DistanceKm: km, EnergyKcal: kcal, AvgHeartRate: heartRate)));

    public SourcedEvent WeighIn(string device, DateTimeOffset at, double kg) =>
        At(device, new HealthEvent(NewId(device), EventTypes.Weight, at, Weight: new Weight(kg)));

    public SourcedEvent Meal(string device, DateTimeOffset at, double protein, double? kcal = null) =>
        At(device, new HealthEvent(NewId(device), EventTypes.Meal, at, Meal: new Meal(protein, kcal)));

    public SourcedEvent Drink(string device, DateTimeOffset at, double ml) =>
        At(device, new HealthEvent(NewId(device), EventTypes.Hydration, at, Hydration: new Hydration(ml)));

    public SourcedEvent At(string device, HealthEvent e) =>
        new(Device(device), SourceOf(device), LocalDay.Of(e.OccurredAt, zone), e);

    public static string SourceOf(string device) => device.Split('#')[0];

    private string NewId(string device) => $"{device}-{++next}";
}
