using System.Collections.Concurrent;
using SkiaSharp;

namespace SkinProgress.Email.Charts;

/// <summary>
/// A bitmap and its canvas to draw one chart on, kept for the next chart of the same size instead of allocating
/// (and faulting in) 3.5 MB of pixels for each 2× chart. A surface is rented by one caller at a time, so charts drawn
/// on parallel threads never share pixels; each use starts from a cleared bitmap and the canvas's initial state.
/// </summary>
internal sealed class ChartSurface : IDisposable
{
    // Compile jobs draw a few charts at once; surfaces beyond that would only hold memory.
    private const int KeptPerSize = 4;

    private static readonly ConcurrentDictionary<(int Width, int Height), ConcurrentBag<ChartSurface>> Idle = new();

    private readonly (int Width, int Height) size;

    private ChartSurface(int width, int height)
    {
        size = (width, height);
        Bitmap = new SKBitmap(new SKImageInfo(width, height, SKColorType.Rgba8888, SKAlphaType.Opaque));
        Canvas = new SKCanvas(Bitmap);
    }

    public SKBitmap Bitmap { get; }

    public SKCanvas Canvas { get; }

    /// <summary>A surface of this size, cleared to <paramref name="background"/>, its canvas untransformed and unclipped.</summary>
    public static ChartSurface Rent(int width, int height, SKColor background)
    {
        var surface = Idle.TryGetValue((width, height), out var idle) && idle.TryTake(out var kept) ? kept : new ChartSurface(width, height);
        surface.Canvas.Save();
        surface.Canvas.Clear(background);
        return surface;
    }

    /// <summary>Hands the surface back for the next chart; only after a drawing that finished (one that threw is disposed instead).</summary>
    public void Return()
    {
        Canvas.RestoreToCount(1);
        var idle = Idle.GetOrAdd(size, _ => []);
        if (idle.Count < KeptPerSize)
        {
            idle.Add(this);
        }
        else
        {
            Dispose();
        }
    }

    public void Dispose()
    {
        Canvas.Dispose();
        Bitmap.Dispose();
    }
}
