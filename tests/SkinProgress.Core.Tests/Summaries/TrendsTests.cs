using SkinProgress.Summaries;

namespace SkinProgress.Core.Tests.Summaries;

public sealed class TrendsTests
{
    [Theory]
    [InlineData(null, 100.0, Trend.None)]
    [InlineData(100.0, null, Trend.None)]
    [InlineData(0.0, 0.0, Trend.Flat)]
    [InlineData(1.0, 0.0, Trend.Up)]
    [InlineData(105.0, 100.0, Trend.Flat)]
    [InlineData(105.1, 100.0, Trend.Up)]
    [InlineData(94.9, 100.0, Trend.Down)]
    [InlineData(95.0, 100.0, Trend.Flat)]
    public void Of_IsFlatWithinFivePercentOfTheBaseline(double? value, double? baseline, Trend trend) =>
        Assert.Equal(trend, Trends.Of(value, baseline));

    [Theory]
    [InlineData(99.0, 100.0, Trend.Down)]   // a guideline pace of loss (1 kg from 100 kg) reads as down
    [InlineData(99.5, 100.0, Trend.Flat)]
    [InlineData(99.49, 100.0, Trend.Down)]
    [InlineData(100.6, 100.0, Trend.Up)]
    public void Of_ForWeight_IsFlatOnlyWithinHalfAPercent(double value, double baseline, Trend trend) =>
        Assert.Equal(trend, Trends.Of(value, baseline, Trends.WeightFlatFraction));
}
