using SkiaSharp;

namespace SkinProgress.Email.Charts;

/// <summary>
/// A colour a drawing uses, and how many steps from white to it its palette keeps: anti-aliased text needs several,
/// shapes drawn without anti-aliasing need only the colour itself.
/// </summary>
public readonly record struct Ink(SKColor Color, int Levels);
