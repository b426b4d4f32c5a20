using System.Text.Json;
using SkinProgress.Contracts;
using SkinProgress.Days;

namespace SkinProgress.Data.Events;

/// <summary>
/// An event as its source last sent it, keyed by (user, source, external id), in typed columns: what the totals,
/// merges and the export read is a column, never a payload to parse again. Exactly the columns of the event's type are
/// set (the others are null); <see cref="EnergyKcal"/> is the workout's or the meal's, as the type says.
/// </summary>
public sealed class RawEvent
{
    /// <summary>Web JSON, as the event travels on the broker; only a skin check's regions and symptoms are stored so.</summary>
    public static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public Guid UserId { get; set; }
    public required string Source { get; set; }
    public required string ExternalId { get; set; }
    public Guid DeviceId { get; set; }
    public required string Type { get; set; }

    /// <summary>The instant, in UTC; <see cref="OccurredOffsetMinutes"/> keeps the offset the source wrote it with.</summary>
    public DateTimeOffset OccurredAt { get; set; }
    public short OccurredOffsetMinutes { get; set; }
    public DateOnly LocalDate { get; set; }
    public DateTimeOffset ReceivedAt { get; set; }

    public string? Activity { get; set; }
    public double? DurationMinutes { get; set; }
    public string? Intensity { get; set; }
    public double? DistanceKm { get; set; }
    public double? EnergyKcal { get; set; }
    public int? AvgHeartRate { get; set; }
    public double? ProteinGrams { get; set; }
    public double? CarbsGrams { get; set; }
    public double? FatGrams { get; set; }
    public double? VitaminCMg { get; set; }
    public string? MealName { get; set; }
    public double? VolumeMl { get; set; }
    public double? WeightKg { get; set; }
    public double? BodyFatPercent { get; set; }

    /// <summary>A skin check's regions and symptoms as JSON: only skin checks have them, and only summaries read them.</summary>
    public string? SkinCheck { get; set; }

    public static RawEvent From(Guid userId, Guid deviceId, string source, DateOnly localDate, DateTimeOffset receivedAt, HealthEvent e)
    {
        ArgumentNullException.ThrowIfNull(e);
        return new RawEvent
        {
            UserId = userId,
            Source = source,
            ExternalId = e.Id,
            DeviceId = deviceId,
            Type = e.Type,
            OccurredAt = e.OccurredAt.ToUniversalTime(),
            OccurredOffsetMinutes = (short)e.OccurredAt.Offset.TotalMinutes,
            LocalDate = localDate,
            ReceivedAt = receivedAt.ToUniversalTime(),
            Activity = e.Workout?.Activity,
            DurationMinutes = e.Workout?.DurationMinutes,
            Intensity = e.Workout?.Intensity,
            DistanceKm = e.Workout?.DistanceKm,
            EnergyKcal = e.Workout?.EnergyKcal ?? e.Meal?.EnergyKcal,
            AvgHeartRate = e.Workout?.AvgHeartRate,
            ProteinGrams = e.Meal?.ProteinGrams,
            CarbsGrams = e.Meal?.CarbsGrams,
            FatGrams = e.Meal?.FatGrams,
            VitaminCMg = e.Meal?.VitaminCMg,
            MealName = e.Meal?.Name,
            VolumeMl = e.Hydration?.VolumeMl,
            WeightKg = e.Weight?.WeightKg,
            BodyFatPercent = e.Weight?.BodyFatPercent,
            SkinCheck = e.SkinCheck is { } check ? JsonSerializer.Serialize(check, Json) : null,
        };
    }

    /// <summary>The event as it was sent, rebuilt from the columns: the part its type names, at its original offset.</summary>
    public HealthEvent ToHealthEvent() => new(
        ExternalId,
        Type,
        OccurredAt.ToOffset(TimeSpan.FromMinutes(OccurredOffsetMinutes)),
        Activity is null ? null : new Workout(Activity, DurationMinutes ?? 0, Intensity, DistanceKm, EnergyKcal, AvgHeartRate),
        ProteinGrams is null ? null : new Meal(ProteinGrams.Value, EnergyKcal, CarbsGrams, FatGrams, VitaminCMg, MealName),
        VolumeMl is null ? null : new Hydration(VolumeMl.Value),
        WeightKg is null ? null : new Weight(WeightKg.Value, BodyFatPercent),
        SkinCheck is null ? null : JsonSerializer.Deserialize<SkinCheck>(SkinCheck, Json));

    public SourcedEvent ToSourcedEvent() => new(DeviceId, Source, LocalDate, ToHealthEvent());
}
