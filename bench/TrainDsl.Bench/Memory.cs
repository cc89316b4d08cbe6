using System.Globalization;
using System.Text.Json;
using FashionMnistExample;
using TrainDsl.Runs;

namespace Overhead;

/// <summary>
/// Native memory across epochs: FashionBaseline on 2,560 training images for N epochs, reading the
/// rss_mib and live_tensors columns the run writes after every epoch. Issue #5's target: RSS after the
/// last epoch within 3% of RSS after epoch 2, and no growth in live tensors.
/// </summary>
internal static class Memory
{
    private const double TargetGrowth = 0.03;

    public static void Run(int epochs)
    {
        var output = Directory.CreateTempSubdirectory("traindsl-bench-memory-").FullName;
        var result = FashionBaseline.Train(
            new FashionBaseline.Config { Epochs = epochs, TrainLimit = 2560, TestLimit = 1000 },
            new RunSettings { OutputRoot = output, Log = null });
        var rows = File.ReadAllLines(Path.Combine(result.Run.RunFolder, RunFolder.MetricsFile));
        var header = rows[0].Split(',');
        int rss = Array.IndexOf(header, "rss_mib"), live = Array.IndexOf(header, "live_tensors");
        var rssByEpoch = rows.Skip(1).Select(r => double.Parse(r.Split(',')[rss], CultureInfo.InvariantCulture)).ToArray();
        var liveByEpoch = rows.Skip(1).Select(r => long.Parse(r.Split(',')[live], CultureInfo.InvariantCulture)).ToArray();
        for (int e = 0; e < rssByEpoch.Length; e++)
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"epoch {e + 1,2}: rss {rssByEpoch[e]:F1} MiB, live tensors {liveByEpoch[e]}"));
        double growth = rssByEpoch[^1] / rssByEpoch[1] - 1;
        bool liveFlat = liveByEpoch.Skip(1).All(n => n <= liveByEpoch[1]);
        bool met = Math.Abs(growth) <= TargetGrowth && liveFlat;
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"RSS after epoch {epochs} vs epoch 2: {growth:+0.00%;-0.00%}; live tensors {liveByEpoch[1]} -> {liveByEpoch[^1]}"));
        // The column is read at each epoch's end; the peak inside epochs is VmHWM.
        double peak = PeakResidentMiB();
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"peak RSS of the process (VmHWM): {peak:F1} MiB"));
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"target (RSS within {TargetGrowth:0%} of epoch 2, live tensors flat): {(met ? "met" : "NOT met")}"));
        var json = JsonSerializer.Serialize(new
        {
            benchmark = "native memory across epochs (FashionBaseline, 2,560 images)",
            epochs, rssMiB = rssByEpoch, liveTensors = liveByEpoch, rssGrowthEpoch2ToLast = growth,
            targetGrowth = TargetGrowth, liveTensorsFlat = liveFlat, targetMet = met, peakRssMiB = peak,
        }, new JsonSerializerOptions { WriteIndented = true });
        if (Environment.GetEnvironmentVariable("BENCH_RESULT") is { Length: > 0 } path) File.WriteAllText(path, json);
        Directory.Delete(output, recursive: true);
    }

    private static double PeakResidentMiB() =>
        File.ReadLines("/proc/self/status").Where(l => l.StartsWith("VmHWM:", StringComparison.Ordinal))
            .Select(l => double.Parse(l.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1], CultureInfo.InvariantCulture) / 1024)
            .FirstOrDefault(double.NaN);
}
