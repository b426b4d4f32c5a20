using System.Globalization;

namespace SkinProgress.Bench;

/// <summary>"--name value" pairs; every figure the scripts pass has a default sized for this machine.</summary>
public sealed class BenchArgs
{
    private readonly Dictionary<string, string> values;

    private BenchArgs(Dictionary<string, string> values) => this.values = values;

    public static BenchArgs Parse(IEnumerable<string> args)
    {
        var values = new Dictionary<string, string>(StringComparer.Ordinal);
        string? name = null;
        foreach (var arg in args)
        {
            if (arg.StartsWith("--", StringComparison.Ordinal))
            {
                name = arg[2..];
                values[name] = "true";
            }
            else if (name is not null)
            {
                values[name] = arg;
                name = null;
            }
        }

        return new BenchArgs(values);
    }

    public string Text(string name, string? fallback = null) =>
        values.TryGetValue(name, out var v) ? v : fallback ?? throw new ArgumentException($"--{name} is required.");

    public string? Optional(string name) => values.GetValueOrDefault(name);

    public int Count(string name, int fallback) => values.TryGetValue(name, out var v) ? int.Parse(v, CultureInfo.InvariantCulture) : fallback;

    public double Number(string name, double fallback) =>
        values.TryGetValue(name, out var v) ? double.Parse(v, CultureInfo.InvariantCulture) : fallback;

    public static string Env(string name) =>
        Environment.GetEnvironmentVariable(name) ?? throw new InvalidOperationException($"{name} is not set; source .data/<profile>/env.");
}
