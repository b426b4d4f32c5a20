using SkinProgress.Data.Users;
using SkinProgress.Days;
using SkinProgress.Events;
using SkinProgress.Validation;

namespace SkinProgress.Api.Me;

/// <summary>Profile fields of docs/rules.md (Inputs). A field left out (null) keeps its current value.</summary>
public sealed record ProfileRequest(
    string? DisplayName = null,
    double? HeightCm = null,
    int? BirthYear = null,
    string? Sex = null,
    string? TimeZone = null,
    double? StartWeightKg = null,
    double? GoalWeightKg = null,
    DateOnly? BariatricSurgeryDate = null,
    bool? Smoker = null,
    string? WeekStart = null,
    int? SummaryHour = null)
{
    private static readonly string[] Sexes = ["female", "male", "unspecified"];

    private static readonly NumberRange HeightRange = new(50, 272);

    /// <summary>Days are named, never numbered: "7" or "-1" parse as a <see cref="DayOfWeek"/> but mean no day.</summary>
    private static readonly string[] DayNames = Enum.GetNames<DayOfWeek>();

    public Dictionary<string, string[]> Validate(DateOnly today)
    {
        var errors = new Dictionary<string, string[]>(StringComparer.Ordinal);
        if (DisplayName is not null && TextRules.Problem(DisplayName, 200) is { } displayName)
        {
            errors["displayName"] = [displayName];
        }

        if (HeightCm is { } height && !HeightRange.Contains(height))
        {
            errors["heightCm"] = [HeightRange.Message];
        }

        if (BirthYear is { } year && (year < 1900 || year > today.Year - 13))
        {
            errors["birthYear"] = [$"Must be from 1900 to {today.Year - 13}."];
        }

        if (Sex is not null && !Sexes.Contains(Sex))
        {
            errors["sex"] = ["Must be female, male or unspecified."];
        }

        if (TimeZone is not null && !LocalDay.TryFindZone(TimeZone, out _))
        {
            errors["timeZone"] = ["Must be an IANA time zone, spelt as the time zone database does, such as Europe/London."];
        }

        if (StartWeightKg is { } start && !EventLimits.WeightKg.Contains(start))
        {
            errors["startWeightKg"] = [EventLimits.WeightKg.Message];
        }

        if (GoalWeightKg is { } goal && !EventLimits.WeightKg.Contains(goal))
        {
            errors["goalWeightKg"] = [EventLimits.WeightKg.Message];
        }

        if (BariatricSurgeryDate is { } surgery && (surgery > today || surgery.Year < 1950))
        {
            errors["bariatricSurgeryDate"] = ["Must be a past date."];
        }

        if (WeekStart is not null && !DayNames.Contains(WeekStart, StringComparer.OrdinalIgnoreCase))
        {
            errors["weekStart"] = ["Must be a day name such as monday."];
        }

        if (SummaryHour is < 0 or > 23)
        {
            errors["summaryHour"] = ["Must be from 0 to 23."];
        }

        return errors;
    }

    public void ApplyTo(User user)
    {
        ArgumentNullException.ThrowIfNull(user);
        user.DisplayName = DisplayName ?? user.DisplayName;
        user.HeightCm = HeightCm ?? user.HeightCm;
        user.BirthYear = BirthYear ?? user.BirthYear;
        user.Sex = Sex ?? user.Sex;
        user.TimeZone = TimeZone ?? user.TimeZone;
        user.StartWeightKg = StartWeightKg ?? user.StartWeightKg;
        user.GoalWeightKg = GoalWeightKg ?? user.GoalWeightKg;
        user.BariatricSurgeryDate = BariatricSurgeryDate ?? user.BariatricSurgeryDate;
        user.Smoker = Smoker ?? user.Smoker;
        user.WeekStart = WeekStart is null ? user.WeekStart : Enum.Parse<DayOfWeek>(WeekStart, ignoreCase: true);
        user.SummaryHour = SummaryHour ?? user.SummaryHour;
    }
}

public sealed record ProfileResponse(
    Guid Id,
    string Email,
    string? DisplayName,
    double? HeightCm,
    int? BirthYear,
    string Sex,
    string TimeZone,
    double? StartWeightKg,
    double? GoalWeightKg,
    DateOnly? BariatricSurgeryDate,
    bool? Smoker,
    string WeekStart,
    int SummaryHour)
{
    public static ProfileResponse From(User u)
    {
        ArgumentNullException.ThrowIfNull(u);
        return new(u.Id, u.Email, u.DisplayName, u.HeightCm, u.BirthYear, u.Sex, u.TimeZone, u.StartWeightKg, u.GoalWeightKg,
            u.BariatricSurgeryDate, u.Smoker, u.WeekStart.ToString().ToLowerInvariant(), u.SummaryHour);
    }
}
