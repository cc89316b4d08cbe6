// bench/Amp: one measurement per process, printed as one JSON line (run.sh collects them).
//   speed    --mode fp32|amp|amp-nchw|amp-fp16 [--steps 150 --warmup 10 --batch 128 --threads 2 --profile]
//   accuracy --mode fp32|amp [--epochs 3 --seed 1 --threads 2 --data DIR]   full Fashion-MNIST, FashionBaseline's recipe
// amp is MixedPrecision in bf16; amp-nchw the same without the channels-last layout (an ablation); amp-fp16 is fp16
// with the dynamic loss scaler (what TD0025 warns about on a CPU).
using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using TorchSharp;
using TrainDsl;
using TrainDsl.Data;
using TrainDsl.Metrics;
using TrainDsl.Models;
using TrainDsl.Optim;
using TrainDsl.Precision;
using TrainDsl.Runs;
using TrainDsl.Schedules;
using static TorchSharp.torch;

var options = Options.Parse(args);
TorchRuntime.EnsureLoaded();
torch.set_num_threads(options.Threads);
var result = options.What switch
{
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

// FashionBaseline's recipe (examples/FashionMnist): batch 128, SGD Nesterov 0.9, wd 5e-4,
// lr 0.1 × 128 / 256, cosine per step; the same seed for both modes, so only the precision differs.
static Dictionary<string, object> Accuracy(Options o)
{
    using var data = FashionMnistDataset.Load(new DataOptions { Root = o.Data, Log = Console.Error });
    var train = new BatchLoader(data.Train, o.Batch, shuffle: true, dropLast: true, seed: o.Seed);
    var test = new BatchLoader(data.Test, 512, shuffle: false, dropLast: false, seed: o.Seed);
    manual_seed(o.Seed);
    using var model = new SmallCnn(1, 10);
    using var amp = o.Mode == "amp" ? new MixedPrecision(model, () => new SmallCnn(1, 10), AmpPrecision.BFloat16) : null;
    double baseLr = 0.1 * o.Batch / 256;
    using var optimizer = optim.SGD(model.parameters(), baseLr, momentum: 0.9, weight_decay: 5e-4, nesterov: true);
    var schedule = new CosineAnnealingLR(tMax: (long)o.Epochs * train.Count, etaMin: 0);
    long steps = 0;
    var clock = Stopwatch.StartNew();
    var epochs = new List<double>();
    for (int epoch = 0; epoch < o.Epochs; epoch++)
    {
        model.train();
        foreach (var batch in train.Epoch(epoch))
        {
            using var scope = NewDisposeScope();
            batch.AttachTo(scope);
            optimizer.SetLearningRate(schedule.At(steps++, baseLr));
            optimizer.zero_grad();
            var loss = nn.functional.cross_entropy(amp is null ? model.call(batch.Images) : amp.Forward(batch.Images), batch.Labels);
            if (amp is null) { loss.backward(); optimizer.step(); }
            else { amp.Backward(loss); amp.Step(optimizer); }
            loss.item<float>();
        }
        epochs.Add(TestAccuracy(model, test));
        Console.Error.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{o.Mode} epoch {epoch + 1}: test accuracy {epochs[^1]:P2} ({clock.Elapsed.TotalSeconds:F0} s)"));
    }
    return new Dictionary<string, object>
    {
        ["side"] = "torchsharp", ["what"] = "accuracy", ["mode"] = o.Mode, ["epochs"] = o.Epochs, ["seed"] = o.Seed,
        ["threads"] = o.Threads, ["batch"] = o.Batch, ["seconds"] = clock.Elapsed.TotalSeconds,
        ["test_accuracy"] = epochs[^1], ["epoch_accuracies"] = epochs,
    };
}

// Evaluation in fp32 on the master weights, as the generated loop does.
static double TestAccuracy(nn.Module<Tensor, Tensor> model, BatchLoader test)
{
    model.eval();
    using var noGrad = no_grad();
    using var accuracy = new TopKAccuracy(k: 1);
    foreach (var batch in test.Epoch(0))
    {
        using var scope = NewDisposeScope();
        batch.AttachTo(scope);
        accuracy.Update(model.call(batch.Images), batch.Labels);
    }
    return accuracy.Compute();
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
        if (mode is not ("fp32" or "amp" or "amp-nchw")) throw new ArgumentException($"--mode is fp32, amp or amp-nchw, not '{mode}'.");
        return new Options(args.Length > 0 ? args[0] : "speed", mode, Int("steps", 150), Int("warmup", 10), Int("batch", 128),
            Int("threads", 2), Int("epochs", 3), Int("seed", 1), args.Contains("--profile"), Get("data", "") is { Length: > 0 } d ? d : null);
    }
}
