using System.Globalization;
using SkiaSharp;

namespace SkinProgress.Email.Charts;

/// <summary>
/// The email's inline chart: the weight trend (weigh-ins as markers, the smoothed line) above the week's daily
/// moderate-equivalent minutes as bars, each bar labelled with its minutes. Two stacked plots because the weight spans
/// weeks and the bars one week. Both are small and fixed in layout, so they are rasterised straight into palette
/// indices (<see cref="PaletteCanvas"/>: rectangles, anti-aliased strokes and discs, glyphs Skia drew once) and written
/// as a four-bit palette PNG (<see cref="IndexedPng"/>): about a millisecond and ~17 KB at 2×.
/// </summary>
public static class SummaryChart
{
    /// <summary>Size the chart is laid out at, in CSS pixels; the PNG has the pixel density times as many.</summary>
    public const int Width = 600;

    public const int Height = 360;

    /// <summary>
    /// Drawn at twice the layout size by default so it stays sharp on phone screens; 1 halves the bytes and looks
    /// soft on high-density screens.
    /// </summary>
    public const int DefaultPixelDensity = 2;

    // Large for a 600px chart: on a phone it is shown at about 350px wide, where 17 reads as about 10.
    private const float TickFontSize = 17;
    private const float TitleFontSize = 18;

    // About half the height of DejaVu Sans's capitals at 17-18px: a label's baseline this far below a line centres it there.
    private const float HalfCapHeight = 7;

    // The layout, in CSS pixels: both plots share the left edge the weight's tick labels need.
    private const float PlotLeft = 60;
    private const float PlotRight = Width - 14;
    private const float TitleLeft = 8;
    private const float WeightTitleBaseline = 20;
    private const float WeightTop = 36;
    private const float WeightBottom = 162;
    private const float DateBaseline = 186;
    private const float MinutesTitleBaseline = 222;
    private const float MinutesTop = 238;
    private const float MinutesBottom = 326;
    private const float DayBaseline = 350;

    // Each colour drawn, by its place in Inks.
    private const int TextInk = 0;
    private const int GridInk = 1;
    private const int WeightInk = 2;
    private const int MarkerInk = 3;
    private const int BarInk = 4;

    /// <summary>
    /// Every colour drawn, with the steps from white the PNG's palette keeps of each: most for the anti-aliased text,
    /// none between for the lines and bars drawn on whole pixels. Twelve in all, so four bits a pixel.
    /// </summary>
    private static readonly Ink[] Inks =
    [
        new(SKColor.Parse("#334155"), 4),
        new(SKColor.Parse("#E2E8F0"), 1),
        new(SKColor.Parse("#0F766E"), 3),
        new(SKColor.Parse("#94A3B8"), 2),
        new(SKColor.Parse("#2563EB"), 1),
    ];

    public static byte[] RenderPng(SummaryChartData data, int pixelDensity = DefaultPixelDensity)
    {
        ArgumentNullException.ThrowIfNull(data);
        ArgumentOutOfRangeException.ThrowIfLessThan(pixelDensity, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(pixelDensity, 3);
        ArgumentNullException.ThrowIfNull(data.WeighIns);
        ArgumentNullException.ThrowIfNull(data.SmoothedWeight);
        ArgumentNullException.ThrowIfNull(data.DailyMinutes);

        using var canvas = new PaletteCanvas(Width * pixelDensity, Height * pixelDensity, Inks);
        var pen = new Pen(canvas, pixelDensity);
        DrawWeight(pen, data.WeighIns, data.SmoothedWeight);
        DrawMinutes(pen, [.. data.DailyMinutes.OrderBy(d => d.Date)]);
        return IndexedPng.Encode(canvas.Scanlines, canvas.Width, canvas.Height, canvas.Palette);
    }

    private static void DrawWeight(Pen pen, IReadOnlyList<ChartPoint> weighIns, IReadOnlyList<ChartPoint> smoothed)
    {
        pen.Text("Weight (kg)", TitleLeft, WeightTitleBaseline, SKTextAlign.Left, TitleFontSize);
        var plot = new SKRect(PlotLeft, WeightTop, PlotRight, WeightBottom);
        if (weighIns.Count == 0 && smoothed.Count == 0)
        {
            Frame(pen, plot);
            pen.Text("No weigh-ins yet", plot.MidX, plot.MidY + HalfCapHeight, SKTextAlign.Center, TitleFontSize);
            return;
        }

        Legend(pen, weighIns.Count > 0, smoothed.Count > 0);

        var all = weighIns.Concat(smoothed).ToList();
        var (firstDay, lastDay) = (all.Min(p => p.Date), all.Max(p => p.Date));
        var daySpan = lastDay.DayNumber - firstDay.DayNumber;
        var dayPad = Math.Max(1, daySpan * 0.03);
        var x = new Scale(firstDay.DayNumber - dayPad, lastDay.DayNumber + dayPad, plot.Left, plot.Right);

        var (low, high) = (all.Min(p => p.Value), all.Max(p => p.Value));
        var valuePad = Math.Max(high - low, 1) * 0.2;
        var y = new Scale(low - valuePad, high + valuePad, plot.Bottom, plot.Top);

        foreach (var tick in Ticks(y.From, y.To, NiceStep((y.To - y.From) / 4)))
        {
            var at = y.Map(tick);
            pen.HorizontalLine(plot.Left, plot.Right, at, GridInk);
            pen.Text(tick.ToString("0.#", CultureInfo.InvariantCulture), plot.Left - 7, at + HalfCapHeight, SKTextAlign.Right, TickFontSize);
        }

        // About five evenly spaced dates labelled "3 Oct", whatever the span.
        var step = Math.Max(1, (int)Math.Ceiling(daySpan / 5.0));
        for (var date = firstDay; date <= lastDay; date = date.AddDays(step))
        {
            var at = x.Map(date.DayNumber);
            pen.VerticalLine(at, plot.Top, plot.Bottom, GridInk);
            pen.Text(date.ToString("d MMM", CultureInfo.InvariantCulture), at, DateBaseline, SKTextAlign.Center, TickFontSize);
        }

        Frame(pen, plot);
        pen.ClipTo(plot);
        foreach (var point in weighIns)
        {
            pen.Dot(x.Map(point.Date.DayNumber), y.Map(point.Value), 3.5f, MarkerInk);
        }

        pen.Polyline([.. smoothed.OrderBy(p => p.Date).Select(p => new SKPoint(x.Map(p.Date.DayNumber), y.Map(p.Value)))], 2.5f, WeightInk);
        pen.Unclip();
    }

    private static void Legend(Pen pen, bool weighIns, bool smoothed)
    {
        const float swatch = 18, gap = 6, between = 20;
        var right = PlotRight;
        var middle = WeightTitleBaseline - HalfCapHeight;
        if (smoothed)
        {
            right = pen.Text("Smoothed", right, WeightTitleBaseline, SKTextAlign.Right, TickFontSize) - gap;
            pen.Polyline([new SKPoint(right - swatch, middle), new SKPoint(right, middle)], 2.5f, WeightInk);
            right -= swatch + between;
        }

        if (weighIns)
        {
            right = pen.Text("Weigh-ins", right, WeightTitleBaseline, SKTextAlign.Right, TickFontSize) - gap;
            pen.Dot(right - (swatch / 2), middle, 3.5f, MarkerInk);
        }
    }

    private static void DrawMinutes(Pen pen, IReadOnlyList<ChartPoint> days)
    {
        pen.Text("Active minutes per day (moderate-equivalent)", TitleLeft, MinutesTitleBaseline, SKTextAlign.Left, TitleFontSize);
        var plot = new SKRect(PlotLeft, MinutesTop, PlotRight, MinutesBottom);
        if (days.Count == 0)
        {
            Frame(pen, plot);
            pen.Text("No active minutes logged this week", plot.MidX, plot.MidY + HalfCapHeight, SKTextAlign.Center, TitleFontSize);
            return;
        }

        var most = days.Max(d => d.Value);
        // Room above the tallest bar for its label; an empty week still shows a scale.
        var y = new Scale(0, most > 0 ? most * 1.25 : 60, plot.Bottom, plot.Top);
        foreach (var tick in Ticks(0, y.To, NiceStep(y.To / 3)))
        {
            var at = y.Map(tick);
            pen.HorizontalLine(plot.Left, plot.Right, at, GridInk);
            pen.Text(tick.ToString("0", CultureInfo.InvariantCulture), plot.Left - 7, at + HalfCapHeight, SKTextAlign.Right, TickFontSize);
        }

        var slot = plot.Width / days.Count;
        for (var i = 0; i < days.Count; i++)
        {
            var centre = plot.Left + (slot * (i + 0.5f));
            var value = days[i].Value;
            if (value > 0)
            {
                var top = y.Map(value);
                pen.Fill(new SKRect(centre - (slot * 0.3f), top, centre + (slot * 0.3f), plot.Bottom), BarInk);
                pen.Text(value.ToString("0", CultureInfo.InvariantCulture), centre, top - 5, SKTextAlign.Center, TickFontSize);
            }

            pen.Text(days[i].Date.ToString("ddd d", CultureInfo.InvariantCulture), centre, DayBaseline, SKTextAlign.Center, TickFontSize);
        }

        Frame(pen, plot);
        if (most <= 0)
        {
            pen.Text("No active minutes logged this week", plot.MidX, plot.MidY + HalfCapHeight, SKTextAlign.Center, TitleFontSize);
        }
    }

    /// <summary>The left and bottom axis lines.</summary>
    private static void Frame(Pen pen, SKRect plot)
    {
        pen.VerticalLine(plot.Left, plot.Top, plot.Bottom, TextInk);
        pen.HorizontalLine(plot.Left, plot.Right, plot.Bottom, TextInk);
    }

    /// <summary>1, 2, 2.5 or 5 times a power of ten, the nearest at or above <paramref name="rough"/>.</summary>
    private static double NiceStep(double rough)
    {
        var power = Math.Pow(10, Math.Floor(Math.Log10(rough)));
        var fraction = rough / power;
        return power * (fraction <= 1 ? 1 : fraction <= 2 ? 2 : fraction <= 2.5 ? 2.5 : fraction <= 5 ? 5 : 10);
    }

    private static IEnumerable<double> Ticks(double from, double to, double step)
    {
        // Counted in whole steps so 97.5 stays 97.5 rather than 97.49999.
        for (var i = Math.Ceiling(from / step); i * step <= to; i++)
        {
            yield return i * step;
        }
    }

    /// <summary>Maps a data range linearly onto a pixel range (either way round).</summary>
    private readonly record struct Scale(double From, double To, float PixelFrom, float PixelTo)
    {
        public float Map(double value) => PixelFrom + (float)((value - From) / (To - From) * (PixelTo - PixelFrom));
    }

    /// <summary>
    /// The few strokes the chart is made of, laid out in CSS pixels and drawn at the chart's density. Lines and bars
    /// fill whole pixels (crisp, and one colour each, which compresses); text, dots and the weight line are
    /// anti-aliased.
    /// </summary>
    private sealed class Pen(PaletteCanvas canvas, int density)
    {
        // Markers are centred on even device pixels when there are two or more a CSS pixel (moving them at most half
        // a CSS pixel): each then packs into the same bytes at four bits a pixel, and deflate finds the repeats
        // (~0.3 KB less at 2×, measured). Glyphs placed so gained twice that but spaced letters unevenly.
        private readonly int grain = density >= 2 ? 2 : 1;

        /// <summary>Draws the text and returns its left edge.</summary>
        public float Text(string text, float x, float baseline, SKTextAlign align, float fontSize)
        {
            var size = fontSize * density;
            var width = 0f;
            foreach (var character in text)
            {
                width += GlyphCache.Get(size, character).Advance;
            }

            var left = (x * density) - (align switch { SKTextAlign.Right => width, SKTextAlign.Center => width / 2, _ => 0 });
            // Each glyph on a whole pixel, as Skia places text without sub-pixel positioning.
            var (pen, row) = (left, (int)MathF.Round(baseline * density));
            foreach (var character in text)
            {
                var glyph = GlyphCache.Get(size, character);
                canvas.Blit(glyph, (int)MathF.Round(pen), row, TextInk);
                pen += glyph.Advance;
            }

            return left / density;
        }

        public void Fill(SKRect rect, int ink) =>
            canvas.Fill(rect.Left * density, rect.Top * density, rect.Right * density, rect.Bottom * density, ink);

        /// <summary>One CSS pixel thick, centred on <paramref name="y"/> rounded to a whole CSS pixel.</summary>
        public void HorizontalLine(float left, float right, float y, int ink)
        {
            y = MathF.Round(y);
            Fill(new SKRect(left, y - 0.5f, right, y + 0.5f), ink);
        }

        public void VerticalLine(float x, float top, float bottom, int ink)
        {
            x = MathF.Round(x);
            Fill(new SKRect(x - 0.5f, top, x + 0.5f, bottom + 0.5f), ink);
        }

        public void Dot(float x, float y, float radius, int ink) => canvas.Disc(Snap(x * density), MathF.Round(y * density), radius * density, ink);

        public void Polyline(SKPoint[] points, float width, int ink)
        {
            if (points.Length == 1)
            {
                Dot(points[0].X, points[0].Y, width, ink);
                return;
            }

            for (var i = 0; i < points.Length; i++)
            {
                points[i] = new SKPoint(points[i].X * density, points[i].Y * density);
            }

            canvas.Stroke(points, width * density, ink);
        }

        /// <summary>Draws only inside <paramref name="area"/> until <see cref="Unclip"/>.</summary>
        public void ClipTo(SKRect area) =>
            canvas.Clip = SKRectI.Round(new SKRect(area.Left * density, area.Top * density, area.Right * density, area.Bottom * density));

        public void Unclip() => canvas.Clip = new SKRectI(0, 0, canvas.Width, canvas.Height);

        private int Snap(float x) => grain * (int)MathF.Round(x / grain);
    }
}
