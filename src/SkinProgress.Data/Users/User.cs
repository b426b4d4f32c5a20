namespace SkinProgress.Data.Users;

public sealed class User
{
    public Guid Id { get; set; }
    public required string Email { get; set; }
    public string? DisplayName { get; set; }
    public double? HeightCm { get; set; }
    public int? BirthYear { get; set; }
    public string Sex { get; set; } = "unspecified";
    public string TimeZone { get; set; } = "UTC";
    public double? StartWeightKg { get; set; }
    public double? GoalWeightKg { get; set; }
    public DateOnly? BariatricSurgeryDate { get; set; }
    public bool? Smoker { get; set; }
    public DayOfWeek WeekStart { get; set; } = DayOfWeek.Monday;
    public int SummaryHour { get; set; } = 8;
    public DateTimeOffset CreatedAt { get; set; }

    /// <summary>Random and unguessable; the only credential of the one-click unsubscribe link.</summary>
    public string UnsubscribeToken { get; set; } = "";
    public DateTimeOffset? UnsubscribedAt { get; set; }

    /// <summary>The lists the user set with PUT /v1/me/sources, as JSON (<see cref="SourcePrioritiesJson"/>); null keeps the defaults.</summary>
    public string? SourcePriorities { get; set; }
}
