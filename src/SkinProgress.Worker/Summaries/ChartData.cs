using SkinProgress.Email;
using SkinProgress.Email.Charts;
using SkinProgress.Summaries;

namespace SkinProgress.Worker.Summaries;

/// <summary>The email chart's series: eight weeks of weigh-ins with their smoothed line, and the week's daily minutes.</summary>
public static class ChartData
{
    public const int WeightWeeks = 8;

    /// <summary>Same smoothing window as the smoothed weight of docs/rules.md, Derived values (trailing 28 days, ENG).</summary>
    public const int SmoothingDays = 28;

    public static SummaryChartData From(SummaryInput input)
    {
        ArgumentNullException.ThrowIfNull(input);
        var from = input.WeekEnd.AddDays(-7 * WeightWeeks + 1);
        var weighIns = input.Days
            .Where(d => d.LastWeightKg is not null && d.Date <= input.WeekEnd)
            .Select(d => new ChartPoint(d.Date, d.LastWeightKg!.Value))
            .OrderBy(p => p.Date)
            .ToList();
        var smoothed = weighIns
            .Where(p => p.Date >= from)
            .Select(p => new ChartPoint(p.Date, weighIns.Where(w => w.Date > p.Date.AddDays(-SmoothingDays) && w.Date <= p.Date).Average(w => w.Value)))
            .ToList();
        var minutes = Enumerable.Range(0, 7)
            .Select(i => input.WeekStart.AddDays(i))
            .Select(date => new ChartPoint(date, input.Days.FirstOrDefault(d => d.Date == date)?.ModerateEquivalentMinutes ?? 0))
            .ToList();
        return new SummaryChartData([.. weighIns.Where(p => p.Date >= from)], smoothed, minutes);
    }
}
