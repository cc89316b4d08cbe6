using System.Globalization;
using System.Text.Json;
using FashionMnistExample;
using TorchSharp;
using TrainDsl.Data;
using TrainDsl.Runs;
using static Overhead.Stats;

namespace Overhead;

/// <summary>
/// TrainDsl's side of the fp32 comparison with PyTorch (bench/peer_fp32.py is the other side): the
/// generated FashionBaseline loop on the real Fashion-MNIST training set, one warm-up run of a few
/// steps, then a timed run of <c>steps</c> steps; throughput is the run's own images_per_second
/// (first step to last, evaluation excluded). Prints one JSON line.
/// </summary>
internal static class PeerFp32
{
    /// <param name="amp">Run FashionBaselineAmp (the same recipe with [Amp]) instead of FashionBaseline.</param>
    public static void Run(int steps, int warmup, int threads, bool amp = false)
    {
        var output = Directory.CreateTempSubdirectory("traindsl-bench-peer-").FullName;
        try
        {
            RunSummary Train(int maxSteps)
            {
                var settings = new RunSettings { OutputRoot = output, Log = null, Threads = threads, MaxSteps = maxSteps };
                return amp
                    ? FashionBaselineAmp.Train(new FashionBaselineAmp.Config { Epochs = 1, TestLimit = 1000, Seed = 1 }, settings).Run
                    : FashionBaseline.Train(new FashionBaseline.Config { Epochs = 1, TestLimit = 1000, Seed = 1 }, settings).Run;
            }
            Train(warmup);
            var sample = MachineSample.Now();
            var run = Train(steps);
            var foreign = MachineSample.ForeignShare(sample);
            var rows = File.ReadAllLines(Path.Combine(run.RunFolder, RunFolder.MetricsFile));
            var header = rows[0].Split(',');
            var row = rows[1].Split(',');
            double rate = double.Parse(row[Array.IndexOf(header, "images_per_second")], CultureInfo.InvariantCulture);
            double seconds = steps * 128 / rate;
            Console.WriteLine(JsonSerializer.Serialize(new Dictionary<string, object>
            {
                ["side"] = "traindsl", ["mode"] = amp ? "amp" : "fp32", ["threads"] = torch.get_num_threads(), ["batch"] = 128, ["steps"] = steps,
                ["seconds"] = seconds, ["images_per_second"] = rate, ["last_loss"] = run.FinalTrainLoss,
                ["foreign_cpu_share"] = foreign,
            }));
        }
        finally { Directory.Delete(output, recursive: true); }
    }

    /// <summary>
    /// Writes Fashion-MNIST's training set for the Python side: <c>train-images.u8</c> (uint8 [N, 1, 28, 28]),
    /// <c>train-labels.i64</c> (int64 [N]) and <c>meta.json</c> (N, mean, std), read from the same cache the library uses.
    /// </summary>
    public static void ExportData(string folder)
    {
        Directory.CreateDirectory(folder);
        using var data = IdxDataset.FashionMnist.Load(new DataOptions());
        File.WriteAllBytes(Path.Combine(folder, "train-images.u8"), data.Train.Images.contiguous().bytes.ToArray());
        File.WriteAllBytes(Path.Combine(folder, "train-labels.i64"), data.Train.Labels.contiguous().bytes.ToArray());
        File.WriteAllText(Path.Combine(folder, "meta.json"), JsonSerializer.Serialize(new
        {
            count = data.Train.Count, channels = data.Train.Channels, height = data.Train.Height, width = data.Train.Width,
            mean = data.Train.Mean, std = data.Train.Std,
        }));
        Console.WriteLine(F($"wrote {data.Train.Count} training images to {folder}"));
    }
}
