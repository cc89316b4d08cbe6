// bench/Amp: one measurement per process, printed as one JSON line (run.sh collects them).
//   speed    --mode fp32|amp|amp-nchw|amp-fp16 [--steps 150 --warmup 10 --batch 128 --threads 2 --profile]
//            --mode gen-fp32|gen-amp: the generated FashionBaseline / FashionBaselineAmp loops on real Fashion-MNIST [--data DIR]
//   accuracy --mode fp32|amp [--epochs 3 --seed 1 --threads 2 --data DIR]   full Fashion-MNIST, FashionBaseline / FashionBaselineAmp
// amp is MixedPrecision in bf16; amp-nchw the same without the channels-last layout (an ablation); amp-fp16 is fp16
// with the dynamic loss scaler (what TD0025 warns about on a CPU).
using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using TorchSharp;
using FashionMnistExample;
using TrainDsl.Models;
using TrainDsl.Precision;
using TrainDsl.Runs;
using static TorchSharp.torch;

var options = Options.Parse(args);
TorchRuntime.EnsureLoaded();
torch.set_num_threads(options.Threads);
var result = options.What switch
{
    "speed" when options.Mode.StartsWith("gen-", StringComparison.Ordinal) => GeneratedSpeed(options),
    "speed" => Speed(options),
    "accuracy" => Accuracy(options),
    _ => throw new ArgumentException("The first argument is speed or accuracy."),
};
Console.WriteLine(JsonSerializer.Serialize(result));

static Dictionary<string, object> Speed(Options o)
{
    // The same input as peer_amp.py: a pool of 8 random batches from one generator, cycled.
    using var generator = new Generator(0);
    var pool = Enumerable.Range(0, 8).Select(_ =>
        (X: randn(new long[] { o.Batch, 1, 28, 28 }, generator: generator),
         Y: randint(0, 10, new long[] { o.Batch }, ScalarType.Int64, generator: generator))).ToArray();

    manual_seed(1);
    using var model = new SmallCnn(1, 10);
    using var amp = o.Mode == "fp32" ? null
        : new MixedPrecision(model, () => new SmallCnn(1, 10), o.Mode == "amp-fp16" ? AmpPrecision.Float16 : AmpPrecision.BFloat16,
            channelsLast: o.Mode != "amp-nchw");
    using var optimizer = optim.SGD(model.parameters(), 0.05, momentum: 0.9, weight_decay: 5e-4, nesterov: true);
    model.train();
    var parts = new double[3];
    float last = 0;
    void Step(int i, bool timed)
    {
        using var scope = NewDisposeScope();
        var (x, y) = pool[i % pool.Length];
        long t0 = Stopwatch.GetTimestamp();
        optimizer.zero_grad();
        var logits = amp is null ? model.call(x) : amp.Forward(x);
        var loss = nn.functional.cross_entropy(logits, y);
        if (o.Profile) loss.item<float>();
        long t1 = Stopwatch.GetTimestamp();
        if (amp is null) loss.backward(); else amp.Backward(loss);
        long t2 = Stopwatch.GetTimestamp();
        if (amp is null) optimizer.step(); else amp.Step(optimizer);
        last = loss.item<float>();
        long t3 = Stopwatch.GetTimestamp();
        if (timed) { parts[0] += t1 - t0; parts[1] += t2 - t1; parts[2] += t3 - t2; }
    }
    for (int i = 0; i < o.Warmup; i++) Step(i, false);
    using var process = Process.GetCurrentProcess();
    var cpu = process.TotalProcessorTime;
    double machineBusy = MachineBusySeconds();
    var clock = Stopwatch.StartNew();
    for (int i = 0; i < o.Steps; i++) Step(i, true);
    double seconds = clock.Elapsed.TotalSeconds;
    process.Refresh();
    double cpuSeconds = (process.TotalProcessorTime - cpu).TotalSeconds;
    machineBusy = MachineBusySeconds() - machineBusy;
    var result = new Dictionary<string, object>
    {
        ["side"] = "torchsharp", ["mode"] = o.Mode, ["threads"] = o.Threads, ["batch"] = o.Batch, ["steps"] = o.Steps,
        ["seconds"] = seconds, ["images_per_second"] = o.Steps * o.Batch / seconds, ["last_loss"] = last,
        ["cpu_utilization"] = cpuSeconds / seconds,
        // The share of the machine's CPU time that other processes used meanwhile: 0 when undisturbed.
        ["foreign_cpu_share"] = Math.Max(0, machineBusy - cpuSeconds) / (Environment.ProcessorCount * seconds),
    };
    if (o.Profile)
    {
        double ms = 1000.0 / Stopwatch.Frequency / o.Steps;
        result["ms_forward"] = parts[0] * ms; result["ms_backward"] = parts[1] * ms; result["ms_step"] = parts[2] * ms;
    }
    foreach (var (x, y) in pool) { x.Dispose(); y.Dispose(); }
    return result;
}

// Busy CPU seconds of the whole machine since boot, from /proc/stat (user, nice, system, irq, softirq, steal; USER_HZ = 100).
static double MachineBusySeconds()
{
    var f = File.ReadLines("/proc/stat").First().Split(' ', StringSplitOptions.RemoveEmptyEntries);
    return new[] { 1, 2, 3, 6, 7, 8 }.Sum(i => long.Parse(f[i], CultureInfo.InvariantCulture)) / 100.0;
}

// The generated loops of examples/FashionMnist on real data: FashionBaseline (fp32) or FashionBaselineAmp (the same recipe with
// [Amp]), two epochs of `steps` batches each (evaluated on 1,000 test images); the second epoch's training throughput
// from metrics.csv (evaluation excluded), so JIT and kernel warm-up fall in the first.
static Dictionary<string, object> GeneratedSpeed(Options o)
{
    var output = Directory.CreateTempSubdirectory("traindsl-amp-bench-").FullName;
    try
    {
        var settings = new RunSettings { OutputRoot = output, Log = null, Threads = o.Threads, DataRoot = o.Data };
        int limit = o.Steps * o.Batch;
        var cpu = Process.GetCurrentProcess().TotalProcessorTime;
        double machineBusy = MachineBusySeconds();
        var clock = Stopwatch.StartNew();
        RunSummary run = o.Mode == "gen-amp"
            ? FashionBaselineAmp.Train(new FashionBaselineAmp.Config { Epochs = 2, BatchSize = o.Batch, TrainLimit = limit, TestLimit = 1000 }, settings).Run
            : FashionBaseline.Train(new FashionBaseline.Config { Epochs = 2, BatchSize = o.Batch, TrainLimit = limit, TestLimit = 1000 }, settings).Run;
        double seconds = clock.Elapsed.TotalSeconds;
        double cpuSeconds = (Process.GetCurrentProcess().TotalProcessorTime - cpu).TotalSeconds;
        machineBusy = MachineBusySeconds() - machineBusy;
        var lines = File.ReadAllLines(Path.Combine(run.RunFolder, RunFolder.MetricsFile));
        int column = Array.IndexOf(lines[0].Split(','), "images_per_second");
        double imagesPerSecond = double.Parse(lines[^1].Split(',')[column], CultureInfo.InvariantCulture);
        return new Dictionary<string, object>
        {
            ["side"] = "torchsharp", ["mode"] = o.Mode, ["threads"] = o.Threads, ["batch"] = o.Batch, ["steps"] = o.Steps,
            ["seconds"] = seconds, ["images_per_second"] = imagesPerSecond, ["last_loss"] = run.FinalTrainLoss,
            ["cpu_utilization"] = cpuSeconds / seconds,
            ["foreign_cpu_share"] = Math.Max(0, machineBusy - cpuSeconds) / (Environment.ProcessorCount * seconds),
        };
    }
    finally
    {
        Directory.Delete(output, recursive: true);
    }
}

// Final test accuracy of the generated FashionBaseline (fp32) or FashionBaselineAmp ([Amp]) on the full data set: the same
// recipe, seed and draws, so only the precision differs. Evaluation runs the fp32 master weights in both.
static Dictionary<string, object> Accuracy(Options o)
{
    var output = Directory.CreateTempSubdirectory("traindsl-amp-accuracy-").FullName;
    try
    {
        var settings = new RunSettings { OutputRoot = output, Log = Console.Error, LiveProgress = false, Threads = o.Threads, DataRoot = o.Data };
        var clock = Stopwatch.StartNew();
        List<double> history = o.Mode == "amp"
            ? [.. FashionBaselineAmp.Train(new FashionBaselineAmp.Config { Epochs = o.Epochs, Seed = o.Seed, BatchSize = o.Batch }, settings).History.Select(m => m.Accuracy)]
            : [.. FashionBaseline.Train(new FashionBaseline.Config { Epochs = o.Epochs, Seed = o.Seed, BatchSize = o.Batch }, settings).History.Select(m => m.Accuracy)];
        return new Dictionary<string, object>
        {
            ["side"] = "torchsharp", ["what"] = "accuracy", ["mode"] = o.Mode, ["epochs"] = o.Epochs, ["seed"] = o.Seed,
            ["threads"] = o.Threads, ["batch"] = o.Batch, ["seconds"] = clock.Elapsed.TotalSeconds,
            ["test_accuracy"] = history[^1], ["epoch_accuracies"] = history,
        };
    }
    finally
    {
        Directory.Delete(output, recursive: true);
    }
}

sealed record Options(string What, string Mode, int Steps, int Warmup, int Batch, int Threads, int Epochs, int Seed, bool Profile, string? Data)
{
    public static Options Parse(string[] args)
    {
        string Get(string name, string fallback)
        {
            int i = Array.IndexOf(args, "--" + name);
            return i >= 0 && i + 1 < args.Length ? args[i + 1] : fallback;
        }
        int Int(string name, int fallback) => int.Parse(Get(name, fallback.ToString(CultureInfo.InvariantCulture)), CultureInfo.InvariantCulture);
        var mode = Get("mode", "amp");
        if (mode is not ("fp32" or "amp" or "amp-nchw" or "amp-fp16" or "gen-fp32" or "gen-amp"))
            throw new ArgumentException($"--mode is fp32, amp, amp-nchw, amp-fp16, gen-fp32 or gen-amp, not '{mode}'.");
        return new Options(args.Length > 0 ? args[0] : "speed", mode, Int("steps", 150), Int("warmup", 10), Int("batch", 128),
            Int("threads", 2), Int("epochs", 3), Int("seed", 1), args.Contains("--profile"), Get("data", "") is { Length: > 0 } d ? d : null);
    }
}
