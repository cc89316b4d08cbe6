using System.Diagnostics;
using System.Globalization;
using System.Text.Json;

namespace Overhead;

/// <summary>
/// What else ran while we measured: the share of the machine's CPU time used by other processes
/// (from /proc/stat minus this process's CPU time), the figure bench/Amp/run.sh also records.
/// </summary>
internal readonly record struct MachineSample(double Busy, double OwnCpu, long Ticks)
{
    public static MachineSample Now() =>
        new(BusySeconds(), Process.GetCurrentProcess().TotalProcessorTime.TotalSeconds, Stopwatch.GetTimestamp());

    /// <summary>Share of all cores' time, over the interval since <paramref name="start"/>, that other processes used.</summary>
    public static double ForeignShare(MachineSample start)
    {
        var end = Now();
        double seconds = Stopwatch.GetElapsedTime(start.Ticks, end.Ticks).TotalSeconds;
        double foreign = (end.Busy - start.Busy) - (end.OwnCpu - start.OwnCpu);
        return Math.Max(0, foreign) / (Environment.ProcessorCount * Math.Max(seconds, 1e-9));
    }

    static double BusySeconds()
    {
        if (!File.Exists("/proc/stat")) return 0;
        var f = File.ReadLines("/proc/stat").First().Split(' ', StringSplitOptions.RemoveEmptyEntries);
        // user nice system idle iowait irq softirq steal: busy = all but idle and iowait; USER_HZ is 100 on Linux.
        long busy = 0;
        foreach (int i in new[] { 1, 2, 3, 6, 7, 8 }) busy += long.Parse(f[i], CultureInfo.InvariantCulture);
        return busy / 100.0;
    }
}

/// <summary>This process's minor page faults and kernel CPU seconds so far (/proc/self/stat; zeros elsewhere).</summary>
internal readonly record struct ProcessCounters(long MinorFaults, double KernelSeconds)
{
    public static ProcessCounters Now()
    {
        if (!File.Exists("/proc/self/stat")) return default;
        var stat = File.ReadAllText("/proc/self/stat");
        // The fields after the command's closing parenthesis start at field 3: minflt is field 10, stime field 15.
        var f = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
        return new(long.Parse(f[7], CultureInfo.InvariantCulture), long.Parse(f[12], CultureInfo.InvariantCulture) / 100.0);
    }

    public static ProcessCounters operator -(ProcessCounters a, ProcessCounters b) =>
        new(a.MinorFaults - b.MinorFaults, a.KernelSeconds - b.KernelSeconds);
}

internal static class Stats
{
    public static double Median(IEnumerable<double> values)
    {
        var s = values.Order().ToList();
        if (s.Count == 0) return double.NaN;
        return s.Count % 2 == 1 ? s[s.Count / 2] : (s[s.Count / 2 - 1] + s[s.Count / 2]) / 2;
    }

    /// <summary>Half the spread between the 25th and 75th percentiles, relative to the median: how noisy a set of repeats was.</summary>
    public static double RelativeIqrHalf(IEnumerable<double> values)
    {
        var s = values.Order().ToList();
        if (s.Count < 2) return 0;
        double Q(double p) { double i = p * (s.Count - 1); int lo = (int)Math.Floor(i); int hi = Math.Min(lo + 1, s.Count - 1); return s[lo] + (s[hi] - s[lo]) * (i - lo); }
        return (Q(0.75) - Q(0.25)) / 2 / Median(s);
    }

    public static readonly JsonSerializerOptions Indented = new() { WriteIndented = true, Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    /// <summary>Prints the JSON and writes it to $BENCH_RESULT when set.</summary>
    public static void Write(object result)
    {
        var json = JsonSerializer.Serialize(result, Indented);
        if (Environment.GetEnvironmentVariable("BENCH_RESULT") is { Length: > 0 } path) File.WriteAllText(path, json);
    }

    public static string F(FormattableString s) => s.ToString(CultureInfo.InvariantCulture);
}
