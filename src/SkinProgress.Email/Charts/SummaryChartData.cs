namespace SkinProgress.Email.Charts;

/// <summary>One value on one local date.</summary>
public sealed record ChartPoint(DateOnly Date, double Value);

/// <summary>What the weekly chart draws.</summary>
/// <param name="WeighIns">Logged weights, one per day at most (kg).</param>
/// <param name="SmoothedWeight">The smoothed weight line (kg), e.g. the trailing 28-day mean per day.</param>
/// <param name="DailyMinutes">The summarised week's moderate-equivalent minutes per local day.</param>
public sealed record SummaryChartData(
    IReadOnlyList<ChartPoint> WeighIns,
    IReadOnlyList<ChartPoint> SmoothedWeight,
    IReadOnlyList<ChartPoint> DailyMinutes);
