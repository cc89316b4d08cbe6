using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using FashionMnistExample;
using Overhead;
using TorchSharp;
using TrainDsl.Runs;

// Usage:
//   TrainDsl.Bench overhead [reps] [steps]  generated vs hand-written runs of FashionBaseline's recipe
//                                           (one epoch of `steps` batches, 1,000 test images), alternated;
//                                           prints the median throughput ratio
//   TrainDsl.Bench memory [epochs]          FashionBaseline on 2,560 images for `epochs` epochs; RSS and live
//                                           tensors after each epoch, from metrics.csv
// BENCH_RESULT=FILE writes the result as JSON.
if (args.Length > 0 && args[0] == "memory")
{
    Memory.Run(args.Length > 1 ? int.Parse(args[1], CultureInfo.InvariantCulture) : 10);
    return;
}
if (args.Length > 0 && args[0] == "overhead") args = args[1..];
int reps = args.Length > 0 ? int.Parse(args[0], CultureInfo.InvariantCulture) : 5;
int steps = args.Length > 1 ? int.Parse(args[1], CultureInfo.InvariantCulture) : 100;
const int Batch = 128, Seed = 1, TestLimit = 1000;
int trainLimit = steps * Batch;
var output = Directory.CreateTempSubdirectory("traindsl-bench-").FullName;
torch.set_num_threads(Environment.ProcessorCount);

double Generated()
{
    var config = new FashionBaseline.Config { Epochs = 1, TrainLimit = trainLimit, TestLimit = TestLimit, Seed = Seed };
    var clock = Stopwatch.StartNew();
    FashionBaseline.Train(config, new RunSettings { OutputRoot = output, Log = null });
    return clock.Elapsed.TotalSeconds;
}

double Hand()
{
    var clock = Stopwatch.StartNew();
    HandWritten.Train(trainLimit, TestLimit, epochs: 1, Batch, Seed, Path.Combine(output, "hand.bin"));
    return clock.Elapsed.TotalSeconds;
}

Generated(); Hand(); // warm-up: JIT, libtorch kernels, the dataset cache
var ratios = new List<double>();
var generatedTimes = new List<double>();
var handTimes = new List<double>();
for (int r = 0; r < reps; r++)
{
    // Alternate which side goes first so drift in machine load falls on both.
    double g, h;
    if (r % 2 == 0) { g = Generated(); h = Hand(); } else { h = Hand(); g = Generated(); }
    generatedTimes.Add(g);
    handTimes.Add(h);
    ratios.Add(h / g); // throughput ratio generated / hand-written
    Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
        $"rep {r + 1}: generated {steps * Batch / g:F0} img/s, hand-written {steps * Batch / h:F0} img/s, ratio {h / g:F3}"));
}
double Median(List<double> xs) { var s = xs.Order().ToList(); return s.Count % 2 == 1 ? s[s.Count / 2] : (s[s.Count / 2 - 1] + s[s.Count / 2]) / 2; }
var result = new
{
    benchmark = "generated loop vs hand-written TorchSharp (FashionBaseline recipe)",
    steps, batch = Batch, reps, threads = torch.get_num_threads(),
    generatedImagesPerSecond = steps * Batch / Median(generatedTimes),
    handWrittenImagesPerSecond = steps * Batch / Median(handTimes),
    medianRatio = Median(ratios),
    ratios,
};
Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"median throughput ratio generated / hand-written: {result.medianRatio:F3}"));
var json = JsonSerializer.Serialize(result, new JsonSerializerOptions { WriteIndented = true });
if (Environment.GetEnvironmentVariable("BENCH_RESULT") is { Length: > 0 } path) File.WriteAllText(path, json);
Directory.Delete(output, recursive: true);
