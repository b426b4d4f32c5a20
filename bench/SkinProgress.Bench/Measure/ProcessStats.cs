using System.Globalization;

namespace SkinProgress.Bench.Measure;

/// <summary>Reads /proc: resident memory (VmRSS, VmHWM) and CPU time (utime+stime, plus waited-for children).</summary>
public static class ProcessStats
{
    // USER_HZ is 100 on every Linux this runs on (sysconf(_SC_CLK_TCK)); /proc/<pid>/stat counts in it.
    private const double TicksPerSecond = 100;

    public static long? RssBytes(int pid) => StatusKb(pid, "VmRSS:") * 1024;

    public static long? PeakRssBytes(int pid) => StatusKb(pid, "VmHWM:") * 1024;

    /// <summary>CPU seconds of the process; with <paramref name="withChildren"/> also its live children and the ones it reaped.</summary>
    public static double CpuSeconds(int pid, bool withChildren = false)
    {
        var fields = StatFields(pid);
        if (fields is null)
        {
            return 0;
        }

        double ticks = long.Parse(fields[11], CultureInfo.InvariantCulture) + long.Parse(fields[12], CultureInfo.InvariantCulture);
        if (withChildren)
        {
            ticks += long.Parse(fields[13], CultureInfo.InvariantCulture) + long.Parse(fields[14], CultureInfo.InvariantCulture);
            foreach (var child in Children(pid))
            {
                var c = StatFields(child);
                if (c is not null)
                {
                    ticks += long.Parse(c[11], CultureInfo.InvariantCulture) + long.Parse(c[12], CultureInfo.InvariantCulture);
                }
            }
        }

        return ticks / TicksPerSecond;
    }

    public static int? PidFromFile(string? path)
    {
        if (path is null || !File.Exists(path))
        {
            return null;
        }

        var first = File.ReadLines(path).FirstOrDefault();
        return int.TryParse(first?.Trim(), NumberStyles.Integer, CultureInfo.InvariantCulture, out var pid) ? pid : null;
    }

    private static IEnumerable<int> Children(int parent)
    {
        foreach (var dir in Directory.EnumerateDirectories("/proc"))
        {
            if (int.TryParse(Path.GetFileName(dir), NumberStyles.Integer, CultureInfo.InvariantCulture, out var pid)
                && StatFields(pid) is { } f && f[1] == parent.ToString(CultureInfo.InvariantCulture))
            {
                yield return pid;
            }
        }
    }

    /// <summary>The fields after "pid (comm)": [0] is the state, [1] the parent, [11] utime, [12] stime, [13] cutime, [14] cstime.</summary>
    private static string[]? StatFields(int pid)
    {
        try
        {
            var stat = File.ReadAllText($"/proc/{pid}/stat");
            return stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
        }
        catch (IOException)
        {
            return null;
        }
    }

    private static long? StatusKb(int pid, string field)
    {
        try
        {
            var line = File.ReadLines($"/proc/{pid}/status").FirstOrDefault(l => l.StartsWith(field, StringComparison.Ordinal));
            return line is null ? null : long.Parse(line[field.Length..].Trim().Split(' ')[0], CultureInfo.InvariantCulture);
        }
        catch (IOException)
        {
            return null;
        }
    }
}
