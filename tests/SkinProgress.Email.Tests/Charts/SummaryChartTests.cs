using System.Buffers.Binary;
using CsCheck;
using SkiaSharp;
using SkinProgress.Email.Charts;

namespace SkinProgress.Email.Tests.Charts;

public sealed class SummaryChartTests
{
    private static readonly byte[] PngSignature = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A];
    private static readonly SKColor BarColor = SKColor.Parse("#2563EB");
    private static readonly SKColor MarkerColor = SKColor.Parse("#94A3B8");

    [Fact]
    public void RenderPng_IsAPalettePng_AtTwiceTheLayoutSize()
    {
        var png = SummaryChart.RenderPng(SampleWeeks.Ordinary().Chart());

        Assert.Equal(PngSignature, png[..8]);
        Assert.Equal((SummaryChart.Width * 2, SummaryChart.Height * 2), Size(png));
        Assert.Equal(3, png[25]); // IHDR colour type: palette
        using var decoded = SKBitmap.Decode(png);
        Assert.Equal((SummaryChart.Width * 2, SummaryChart.Height * 2), (decoded.Width, decoded.Height));
    }

    [Fact]
    public void RenderPng_AtDensityOne_IsTheLayoutSize()
    {
        var png = SummaryChart.RenderPng(SampleWeeks.Ordinary().Chart(), pixelDensity: 1);

        Assert.Equal((SummaryChart.Width, SummaryChart.Height), Size(png));
        using var decoded = SKBitmap.Decode(png);
        Assert.Equal((SummaryChart.Width, SummaryChart.Height), (decoded.Width, decoded.Height));
    }

    [Theory]
    [InlineData(1, 10_000)]
    [InlineData(2, 20_000)]
    public void RenderPng_IsSmall(int pixelDensity, int maxBytes)
    {
        var png = SummaryChart.RenderPng(SampleWeeks.Ordinary().Chart(), pixelDensity);

        Assert.True(png.Length <= maxBytes, $"{png.Length} bytes at {pixelDensity}×");
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    public void RenderPng_DrawsEachDaysBar_AsTallAsItsMinutes(int pixelDensity)
    {
        double[] minutes = [0, 30, 60, 90, 0, 120, 15];
        var data = new SummaryChartData([], [], [.. minutes.Select((m, i) => new ChartPoint(SampleWeeks.WeekStart.AddDays(i), m))]);

        using var chart = SKBitmap.Decode(SummaryChart.RenderPng(data, pixelDensity));

        var bars = Columns(chart, BarColor);
        double[] drawn = [.. minutes.Where(m => m > 0)];
        Assert.Equal(drawn.Length, bars.Count);
        var perMinute = (double)bars.Max(b => b.Height) / drawn.Max();
        for (var i = 0; i < drawn.Length; i++)
        {
            // Left to right in the days' order; heights to within a pixel of rounding.
            Assert.InRange(bars[i].Height, (drawn[i] * perMinute) - 1.5, (drawn[i] * perMinute) + 1.5);
        }
    }

    [Fact]
    public void RenderPng_PlacesWeighIns_HigherForMoreWeight_InProportion()
    {
        var day = SampleWeeks.WeekStart;
        ChartPoint[] weighIns = [new(day.AddDays(-40), 100), new(day.AddDays(-20), 95), new(day, 97)];

        using var chart = SKBitmap.Decode(SummaryChart.RenderPng(new SummaryChartData(weighIns, [], [])));

        // Inside the weight's plot area, so not the legend's marker.
        var markers = Columns(chart, MarkerColor, new SKRectI(chart.Width / 10, chart.Height / 10, chart.Width, chart.Height * 45 / 100));
        Assert.Equal(3, markers.Count);
        var (first, second, third) = (markers[0].MiddleY, markers[1].MiddleY, markers[2].MiddleY);
        Assert.True(first < third && third < second, $"marker centres at y {first}, {second}, {third}");
        // 100 is 2.5 times as far above 95 as 97 is.
        Assert.InRange((second - first) / (second - third), 2.3, 2.7);
    }

    [Fact]
    public void RenderPng_WorksWithEmptySeries()
    {
        var png = SummaryChart.RenderPng(new SummaryChartData([], [], []));

        Assert.Equal(PngSignature, png[..8]);
        using var decoded = SKBitmap.Decode(png);
        Assert.Equal((SummaryChart.Width * 2, SummaryChart.Height * 2), (decoded.Width, decoded.Height));
        Assert.Empty(Columns(decoded, BarColor));
    }

    [Fact]
    public void RenderPng_WorksWithOneWeighInAndAWeekOfZeroMinutes()
    {
        var day = SampleWeeks.WeekStart;
        ChartPoint[] zeros = [.. Enumerable.Range(0, 7).Select(i => new ChartPoint(day.AddDays(i), 0))];

        using var chart = SKBitmap.Decode(SummaryChart.RenderPng(new SummaryChartData([new(day, 90)], [new(day, 90)], zeros)));

        Assert.Equal(SummaryChart.Width * 2, chart.Width);
        Assert.Empty(Columns(chart, BarColor));
    }

    [Fact]
    public void RenderPng_ForAnyWeek_DecodesToTheLayoutSizeTimesTheDensity()
    {
        var weight = Gen.Frequency((8, Gen.Double[40, 250]), (1, Gen.OneOf(0d, 1e-9, 0.05, 999.9, 1e6, 1e9)));
        var minutes = Gen.Frequency((8, Gen.Double[0, 300]), (1, Gen.OneOf(0d, 0.4, 1440, 1e6)));
        Gen<ChartPoint> Point(Gen<double> value, int firstDay) =>
            Gen.Select(Gen.Int[firstDay, 6], value, (day, v) => new ChartPoint(SampleWeeks.WeekStart.AddDays(day), v));
        // None, one, a few or many points; dates may repeat and come in any order.
        var week = Gen.Select(Point(weight, -400).List[0, 80], Point(weight, -60).List[0, 60], Point(minutes, 0).List[0, 7], Gen.Int[1, 2])
            .Select((weighIns, smoothed, days, density) => (Data: new SummaryChartData(weighIns, smoothed, days), Density: density));

        week.Sample(w =>
        {
            using var chart = SKBitmap.Decode(SummaryChart.RenderPng(w.Data, w.Density));
            Assert.Equal((SummaryChart.Width * w.Density, SummaryChart.Height * w.Density), (chart.Width, chart.Height));
        }, iter: 200);
    }

    [Fact]
    public void RenderPng_GivesTheSameBytes_WhateverWasDrawnBefore_OnParallelThreads()
    {
        var ordinary = SampleWeeks.Ordinary().Chart();
        var expected = SummaryChart.RenderPng(ordinary);
        SummaryChartData[] others = [SampleWeeks.Urgent().Chart(), new([], [], []), SampleWeeks.FirstWeek().Chart()];

        var rendered = new byte[48][];
        Parallel.For(0, rendered.Length, new ParallelOptions { MaxDegreeOfParallelism = 6 }, i =>
        {
            // Other charts, and the other size, drawn in between on the same threads.
            SummaryChart.RenderPng(others[i % others.Length], pixelDensity: 1 + (i % 2));
            rendered[i] = SummaryChart.RenderPng(ordinary);
        });

        Assert.All(rendered, png => Assert.Equal(expected, png));
    }

    [Fact]
    public void RenderPng_WritesASampleToTheOutputFolder()
    {
        var folder = Directory.CreateDirectory(Path.Combine(AppContext.BaseDirectory, "samples")).FullName;

        File.WriteAllBytes(Path.Combine(folder, "chart.png"), SummaryChart.RenderPng(SampleWeeks.Ordinary().Chart()));
        File.WriteAllBytes(Path.Combine(folder, "chart-1x.png"), SummaryChart.RenderPng(SampleWeeks.Ordinary().Chart(), pixelDensity: 1));
        File.WriteAllBytes(Path.Combine(folder, "chart-empty.png"), SummaryChart.RenderPng(new SummaryChartData([], [], [])));

        Assert.True(new FileInfo(Path.Combine(folder, "chart.png")).Length > 0);
    }

    /// <summary>Width and height from the IHDR chunk, which always follows the signature.</summary>
    private static (int Width, int Height) Size(byte[] png) =>
        (BinaryPrimitives.ReadInt32BigEndian(png.AsSpan(16, 4)), BinaryPrimitives.ReadInt32BigEndian(png.AsSpan(20, 4)));

    /// <summary>
    /// The shapes of one colour in an area (by default all below the title row, so not the legend's swatches), left
    /// to right: each a run of adjacent columns holding the colour, with the height of its tallest column and its
    /// middle row.
    /// </summary>
    private static List<Shape> Columns(SKBitmap chart, SKColor color, SKRectI? area = null)
    {
        var (left, top, right, bottom) = area is { } a ? (a.Left, a.Top, a.Right, a.Bottom) : (0, chart.Height / 10, chart.Width, chart.Height);
        var shapes = new List<Shape>();
        Shape? current = null;
        for (var x = left; x < right; x++)
        {
            int count = 0, first = int.MaxValue, last = -1;
            for (var y = top; y < bottom; y++)
            {
                if (chart.GetPixel(x, y) == color)
                {
                    count++;
                    (first, last) = (Math.Min(first, y), Math.Max(last, y));
                }
            }

            if (count == 0)
            {
                current = null;
                continue;
            }

            if (current is null)
            {
                current = new Shape();
                shapes.Add(current);
            }

            current.Height = Math.Max(current.Height, count);
            (current.Top, current.Bottom) = (Math.Min(current.Top, first), Math.Max(current.Bottom, last));
        }

        return shapes;
    }

    private sealed class Shape
    {
        public int Height { get; set; }

        public int Top { get; set; } = int.MaxValue;

        public int Bottom { get; set; } = -1;

        public double MiddleY => (Top + Bottom) / 2.0;
    }
}
