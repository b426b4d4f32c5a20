using System.Buffers.Binary;
using SkinProgress.Email.Charts;

namespace SkinProgress.Email.Tests.Charts;

public sealed class SummaryChartTests
{
    private static readonly byte[] PngSignature = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A];

    [Fact]
    public void RenderPng_IsAPng_AtTwiceTheLayoutSize()
    {
        var png = SummaryChart.RenderPng(SampleWeeks.Ordinary().Chart());

        Assert.Equal(PngSignature, png[..8]);
        Assert.True(png.Length > 10_000, $"{png.Length} bytes");
        Assert.Equal((SummaryChart.Width * 2, SummaryChart.Height * 2), Size(png));
    }

    [Fact]
    public void RenderPng_AtDensityOne_IsTheLayoutSize()
    {
        var png = SummaryChart.RenderPng(SampleWeeks.Ordinary().Chart(), pixelDensity: 1);
        Assert.Equal((SummaryChart.Width, SummaryChart.Height), Size(png));
    }

    [Fact]
    public void RenderPng_WorksWithEmptySeries()
    {
        var png = SummaryChart.RenderPng(new SummaryChartData([], [], []));

        Assert.Equal(PngSignature, png[..8]);
        Assert.True(png.Length > 2_000, $"{png.Length} bytes");
        Assert.Equal((SummaryChart.Width * 2, SummaryChart.Height * 2), Size(png));
    }

    [Fact]
    public void RenderPng_WorksWithOneWeighInAndAWeekOfZeroMinutes()
    {
        var day = SampleWeeks.WeekStart;
        ChartPoint[] zeros = [.. Enumerable.Range(0, 7).Select(i => new ChartPoint(day.AddDays(i), 0))];

        var png = SummaryChart.RenderPng(new SummaryChartData([new(day, 90)], [new(day, 90)], zeros));

        Assert.Equal(PngSignature, png[..8]);
    }

    [Fact]
    public void RenderPng_WritesASampleToTheOutputFolder()
    {
        var folder = Directory.CreateDirectory(Path.Combine(AppContext.BaseDirectory, "samples")).FullName;

        File.WriteAllBytes(Path.Combine(folder, "chart.png"), SummaryChart.RenderPng(SampleWeeks.Ordinary().Chart()));
        File.WriteAllBytes(Path.Combine(folder, "chart-empty.png"), SummaryChart.RenderPng(new SummaryChartData([], [], [])));

        Assert.True(new FileInfo(Path.Combine(folder, "chart.png")).Length > 0);
    }

    /// <summary>Width and height from the IHDR chunk, which always follows the signature.</summary>
    private static (int Width, int Height) Size(byte[] png) =>
        (BinaryPrimitives.ReadInt32BigEndian(png.AsSpan(16, 4)), BinaryPrimitives.ReadInt32BigEndian(png.AsSpan(20, 4)));
}
