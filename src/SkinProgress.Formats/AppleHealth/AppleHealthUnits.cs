namespace SkinProgress.Formats.AppleHealth;

/// <summary>Converts the HealthKit unit strings the export writes into our units; null for a unit we do not know.</summary>
internal static class AppleHealthUnits
{
    public static double? Kilograms(double value, string? unit) => unit switch
    {
        "kg" => value,
        "lb" => value * 0.45359237,
        "g" => value / 1000,
        "st" => value * 6.35029318,
        _ => null,
    };

    public static double? Grams(double value, string? unit) => unit switch
    {
        "g" => value,
        "mg" => value / 1000,
        "kg" => value * 1000,
        "oz" => value * 28.349523125,
        _ => null,
    };

    /// <summary>HealthKit writes "Cal" for the food Calorie, which is the kilocalorie.</summary>
    public static double? Kilocalories(double value, string? unit) => unit switch
    {
        "kcal" or "Cal" => value,
        "kJ" => value / 4.184,
        "cal" => value / 1000,
        _ => null,
    };

    public static double? Millilitres(double value, string? unit) => unit switch
    {
        "mL" => value,
        "L" => value * 1000,
        "dL" => value * 100,
        "cL" => value * 10,
        "fl_oz_us" => value * 29.5735295625,
        "fl_oz_imp" => value * 28.4130625,
        "cup_us" => value * 236.5882365,
        "cup_imp" => value * 284.130625,
        "pt_us" => value * 473.176473,
        "pt_imp" => value * 568.26125,
        _ => null,
    };

    public static double? Minutes(double value, string? unit) => unit switch
    {
        "min" => value,
        "s" or "sec" => value / 60,
        "hr" or "h" => value * 60,
        "ms" => value / 60000,
        _ => null,
    };

    public static double? Kilometres(double value, string? unit) => unit switch
    {
        "km" => value,
        "m" => value / 1000,
        "mi" => value * 1.609344,
        "yd" => value * 0.0009144,
        "ft" => value * 0.0003048,
        _ => null,
    };
}
