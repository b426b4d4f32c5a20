using System.Globalization;

namespace SkinProgress.Validation;

/// <summary>
/// The finite numbers from <see cref="Min"/> (or just above it) to <see cref="Max"/>. NaN and the infinities are in
/// no range: JSON cannot carry them, but a lenient reader or an old stored value can, and nothing downstream copes.
/// </summary>
public readonly record struct NumberRange(double Min, double Max, bool MinExclusive = false)
{
    public bool Contains(double value) =>
        double.IsFinite(value) && (MinExclusive ? value > Min : value >= Min) && value <= Max;

    public bool Contains(double? value) => value is { } v && Contains(v);

    /// <summary>The error message for a value outside the range.</summary>
    public string Message
    {
        get
        {
            var min = Min.ToString(CultureInfo.InvariantCulture);
            var max = Max.ToString(CultureInfo.InvariantCulture);
            return MinExclusive ? $"Must be a number greater than {min} and at most {max}." : $"Must be a number from {min} to {max}.";
        }
    }
}
