// bench/peak: the fraction of peak (issue #19), in one process.
//   1. peak: the best GFLOP/s libtorch reaches on this CPU: square matmuls (fp32, bf16) and the model's own convolutions
//      (each distinct Conv2d of the model at batch B, forward only: fp32 NCHW and bf16 channels-last, as [Amp] runs them);
//   2. step: the model's training step at batch B (SGD, Nesterov momentum), fp32 and [Amp] (MixedPrecision, bf16,
//      channels-last), its FLOP/s counted analytically: ModelFlops.PerImage × 3 (forward + backward) × B / step time;
//   3. the table and the ratios (fraction of peak); with --peer, the PyTorch peer's lines (peer_step.py) beside them.
//
//   Peak [--model Wrn16x4] [--batch 128] [--threads 2] [--steps 20] [--warmup 5] [--repeats 3] [--iters 10] [--budget 60]
//        [--sizes 2048,4096] [--peer peer.jsonl] [--markdown report.md] [--json rows.jsonl] [--cpu "model name"] [--flags "cpu flags"]
// --budget caps the seconds of each figure's timed calls (default 60): bf16 on a CPU without bf16 instructions is tens of
// times slower than fp32, and 4096² bf16 matmuls or [Amp] steps would otherwise take hours; the timed column shows the count.
// Prints the table; --markdown also writes it with the CPU's name and flags (run.sh passes them from /proc/cpuinfo);
// --json writes every figure as one JSON line.
using System.Diagnostics;
using System.Globalization;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using TorchSharp;
using TorchSharp.Modules;
using TrainDsl;
using TrainDsl.Models;
using TrainDsl.Precision;
using TrainDsl.Runs;
using static TorchSharp.torch;

var o = Options.Parse(args);
TorchRuntime.EnsureLoaded();
NativeMemory.KeepFreedForReuse(); // what TrainSession.Start gives a generated run
torch.set_num_threads(o.Threads);
var factory = BuiltIns.Factory(o.Model);
const int Channels = 1, Size = 28, Classes = 10; // Fashion-MNIST

using var probe = factory(Channels, Classes);
long flopsPerImage = ModelFlops.PerImage(probe, Channels, Size, Size);
Console.Error.WriteLine($"{o.Model}: {flopsPerImage / 1e6:F1} MFLOP forward per {Channels}×{Size}×{Size} image; batch {o.Batch}, {o.Threads} threads");

var rows = new List<Row>();
using var process = Process.GetCurrentProcess();
var cpuStart = process.TotalProcessorTime;
double busyStart = Machine.BusySeconds();
var clock = Stopwatch.StartNew();

// 1. Peak: matmuls.
foreach (var n in o.Sizes)
    foreach (var type in new[] { ScalarType.Float32, ScalarType.BFloat16 })
    {
        using var scope = NewDisposeScope();
        var a = randn(n, n).to(type);
        var b = randn(n, n).to(type);
        var (seconds, timed) = Timing.Best(o, () => a.matmul(b));
        rows.Add(new Row("peak", $"matmul {n}×{n}×{n}", Name(type), 2.0 * n * n * n / seconds / 1e9, seconds * 1e3, timed));
    }

// 1. Peak: the model's convolutions, each distinct shape once, in the model's own modules (fp32) and in its [Amp]
// working copy's (bf16 weights, channels-last), fed the input shape they get at batch B.
foreach (var conv in Convolutions.Distinct(factory, o.Batch, Channels, Size))
{
    using var scope = NewDisposeScope();
    using var noGrad = no_grad();
    var x = randn(conv.Input);
    var (fp32, fp32Timed) = Timing.Best(o, () => conv.Fp32.call(x));
    rows.Add(new Row("peak", conv.Label, "fp32", conv.Flops / fp32 / 1e9, fp32 * 1e3, fp32Timed));
    var xb = x.permute(0, 2, 3, 1).to(ScalarType.BFloat16).contiguous().permute(0, 3, 1, 2); // NHWC memory, NCHW view
    var (bf16, bf16Timed) = Timing.Best(o, () => conv.Bf16.call(xb));
    rows.Add(new Row("peak", conv.Label, "bf16 channels-last", conv.Flops / bf16 / 1e9, bf16 * 1e3, bf16Timed));
}

// 2. The training step.
double stepFlops = ModelFlops.TrainingStepFactor * (double)flopsPerImage * o.Batch;
foreach (var amp in new[] { false, true })
{
    var (seconds, timed) = Step.MedianSeconds(factory, amp, o, Channels, Size, Classes);
    rows.Add(new Row("step", $"TrainDsl {o.Model} training step, batch {o.Batch}", amp ? "[Amp] bf16" : "fp32",
        stepFlops / seconds / 1e9, seconds * 1e3, timed, o.Batch / seconds));
}

process.Refresh();
double elapsed = clock.Elapsed.TotalSeconds;
double cpuSeconds = (process.TotalProcessorTime - cpuStart).TotalSeconds;
double foreign = Math.Max(0, Machine.BusySeconds() - busyStart - cpuSeconds) / (Environment.ProcessorCount * elapsed);

// 3. The PyTorch peer's steps, measured by peer_step.py in its own process just before.
List<PeerLine> peer = o.Peer is null ? [] : PeerLines.Read(o.Peer, o.Model, o.Batch, flopsPerImage);
rows.AddRange(peer.Select(p => p.Row));

var report = Report.Build(o, rows, flopsPerImage, foreign, peer);
Console.WriteLine(report);
if (o.Markdown is not null) File.WriteAllText(o.Markdown, report);
if (o.Json is not null) File.WriteAllLines(o.Json, rows.Select(row => JsonSerializer.Serialize(row, JsonLines.Options)));

static string Name(ScalarType type) => type == ScalarType.Float32 ? "fp32" : "bf16";

static class JsonLines
{
    /// <summary>JSON lines that keep × and → readable.</summary>
    public static readonly JsonSerializerOptions Options = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };
}

/// <summary>One measured figure: what, in which precision, GFLOP/s, the time of one call or step, how many were timed, images/s for a step.</summary>
sealed record Row(string Kind, string What, string Precision, double Gflops, double Milliseconds, int Timed, double? ImagesPerSecond = null);

/// <summary>The built-in models by their recipe names, as [Model(...)] builds them.</summary>
static class BuiltIns
{
    public static Func<int, int, nn.Module<Tensor, Tensor>> Factory(string name) => name switch
    {
        "SmallCnn" => (c, k) => new SmallCnn(c, k),
        "WideCnn" => SmallCnn.WideCnn,
        "ResNet18" => ResNet.ResNet18,
        "ResNet20" => ResNet.ResNet20,
        "ResNet32" => ResNet.ResNet32,
        "ResNet56" => ResNet.ResNet56,
        "Wrn16x2" => WideResNet.Wrn16x2,
        "Wrn16x4" => WideResNet.Wrn16x4,
        "Wrn16x8" => WideResNet.Wrn16x8,
        "Wrn28x10" => WideResNet.Wrn28x10,
        "Wrn40x4" => WideResNet.Wrn40x4,
        _ => throw new ArgumentException($"--model is a built-in model (SmallCnn, WideCnn, ResNet18/20/32/56, Wrn16x2/16x4/16x8/28x10/40x4), not '{name}'."),
    };
}

static class Timing
{
    /// <summary>
    /// The best over --repeats of the mean time of --iters calls, after one warm-up call; fewer when the warm-up call says
    /// they would take longer than --budget seconds (a CPU without bf16 instructions runs bf16 tens of times slower).
    /// Returns the seconds per call and how many calls were timed.
    /// </summary>
    public static (double Seconds, int Timed) Best(Options o, Func<Tensor> call)
    {
        var warm = Stopwatch.StartNew();
        using (NewDisposeScope()) call();
        var (repeats, iters) = Budget.Fit(warm.Elapsed.TotalSeconds, o.Repeats, o.Iters, o.Budget);
        double best = double.MaxValue;
        for (int r = 0; r < repeats; r++)
        {
            var watch = Stopwatch.StartNew();
            for (int i = 0; i < iters; i++)
                using (NewDisposeScope()) call();
            best = Math.Min(best, watch.Elapsed.TotalSeconds / iters);
        }
        return (best, repeats * iters);
    }
}

static class Budget
{
    /// <summary>Repeats and iterations cut so that their calls of <paramref name="oneCall"/> seconds fit <paramref name="budget"/>; at least one each.</summary>
    public static (int Repeats, int Iters) Fit(double oneCall, int repeats, int iters, double budget)
    {
        if (repeats * iters * oneCall <= budget) return (repeats, iters);
        iters = Math.Max(1, (int)(budget / (repeats * oneCall)));
        if (iters == 1) repeats = Math.Clamp((int)(budget / oneCall), 1, repeats);
        return (repeats, iters);
    }
}

/// <summary>A distinct convolution of the model: its fp32 module, the same module in the bf16 working copy, its input shape at batch B.</summary>
sealed record Convolution(string Label, Conv2d Fp32, Conv2d Bf16, long[] Input, double Flops);

static class Convolutions
{
    public static List<Convolution> Distinct(Func<int, int, nn.Module<Tensor, Tensor>> factory, int batch, int channels, int size)
    {
        var fp32 = factory(channels, 10);
        var bf16 = LowPrecisionModel.ToHalf(factory(channels, 10), AmpPrecision.BFloat16, channelsLast: true);
        var convs = fp32.named_modules().Where(m => m.module is Conv2d).Select(m => (Conv2d)m.module).ToList();
        var halves = bf16.named_modules().Where(m => m.module is Conv2d).Select(m => (Conv2d)m.module).ToList();

        // One traced forward of a single image gives every conv's input and output shape.
        var seen = new Dictionary<Conv2d, (long[] In, long[] Out)>();
        var removers = new List<Action>();
        foreach (var conv in convs)
        {
            var hook = conv.register_forward_hook((_, input, output) => { seen[conv] = (input.shape, output.shape); return output; });
            removers.Add(hook.remove);
        }
        using (NewDisposeScope())
        using (no_grad())
        {
            fp32.eval();
            fp32.call(zeros(1, channels, size, size));
        }
        foreach (var remove in removers) remove();

        var result = new List<Convolution>();
        var keys = new HashSet<string>();
        for (int i = 0; i < convs.Count; i++)
        {
            var (input, output) = seen[convs[i]];
            var w = convs[i].weight!.shape;
            long stride = input[2] / output[2];
            string label = string.Create(CultureInfo.InvariantCulture,
                $"conv {w[1]}→{w[0]} {w[2]}×{w[3]}/{stride} on {input[2]}×{input[3]}");
            if (!keys.Add(label)) continue;
            double flops = 2.0 * batch * output[1] * output[2] * output[3] * w[1] * w[2] * w[3];
            result.Add(new Convolution(label, convs[i], halves[i], [batch, input[1], input[2], input[3]], flops));
        }
        return result;
    }
}

static class Step
{
    /// <summary>
    /// The median time of one training step over --repeats blocks of --steps steps, after --warmup steps; the warm-up stops
    /// after a third of --budget and the blocks shrink to fit it (at least one step each). Returns how many steps were timed.
    /// </summary>
    public static (double Seconds, int Timed) MedianSeconds(Func<int, int, nn.Module<Tensor, Tensor>> factory, bool amp, Options o, int channels, int size, int classes)
    {
        // A pool of 4 random batches, cycled: speed does not depend on the pixel values.
        using var generator = new Generator(0);
        var pool = Enumerable.Range(0, 4).Select(_ =>
            (X: randn(new long[] { o.Batch, channels, size, size }, generator: generator),
             Y: randint(0, classes, new long[] { o.Batch }, ScalarType.Int64, generator: generator))).ToArray();
        manual_seed(1);
        using var model = factory(channels, classes);
        using var precision = amp ? new MixedPrecision(model, () => factory(channels, classes), AmpPrecision.BFloat16, channelsLast: true) : null;
        using var optimizer = optim.SGD(model.parameters(), 0.05, momentum: 0.9, weight_decay: 5e-4, nesterov: true);
        model.train();
        int i = 0;
        void One()
        {
            using var scope = NewDisposeScope();
            var (x, y) = pool[i++ % pool.Length];
            optimizer.zero_grad();
            var logits = precision is null ? model.call(x) : precision.Forward(x);
            var loss = nn.functional.cross_entropy(logits, y);
            if (precision is null) loss.backward(); else precision.Backward(loss);
            if (precision is null) optimizer.step(); else precision.Step(optimizer);
            loss.item<float>(); // the loop reads the loss every step, as the generated one does
        }
        var warm = Stopwatch.StartNew();
        double last = 0;
        for (int w = 0; w < Math.Max(1, o.Warmup) && (w == 0 || warm.Elapsed.TotalSeconds < o.Budget / 3); w++)
        {
            var one = Stopwatch.StartNew();
            One();
            last = one.Elapsed.TotalSeconds;
        }
        var (repeats, steps) = Budget.Fit(last, o.Repeats, o.Steps, o.Budget);
        var times = new List<double>();
        for (int r = 0; r < repeats; r++)
        {
            var watch = Stopwatch.StartNew();
            for (int s = 0; s < steps; s++) One();
            times.Add(watch.Elapsed.TotalSeconds / steps);
        }
        foreach (var (x, y) in pool) { x.Dispose(); y.Dispose(); }
        times.Sort();
        return (times[times.Count / 2], repeats * steps);
    }
}

static class Machine
{
    /// <summary>Busy CPU seconds of the whole machine since boot, from /proc/stat (user, nice, system, irq, softirq, steal; USER_HZ = 100).</summary>
    public static double BusySeconds()
    {
        var f = File.ReadLines("/proc/stat").First().Split(' ', StringSplitOptions.RemoveEmptyEntries);
        return new[] { 1, 2, 3, 6, 7, 8 }.Sum(i => long.Parse(f[i], CultureInfo.InvariantCulture)) / 100.0;
    }
}

/// <summary>A line of peer_step.py: the PyTorch step in one mode, with its own FLOP count.</summary>
sealed record PeerLine(Row Row, long FlopsPerImage, double ForeignCpuShare);

static class PeerLines
{
    public static List<PeerLine> Read(string path, string model, int batch, long flopsPerImage)
    {
        var lines = new List<PeerLine>();
        foreach (var text in File.ReadLines(path).Where(l => l.TrimStart().StartsWith('{')))
        {
            using var json = JsonDocument.Parse(text);
            var r = json.RootElement;
            if (r.GetProperty("model").GetString() != model || r.GetProperty("batch").GetInt32() != batch)
                throw new InvalidOperationException($"{path} holds {r.GetProperty("model")} at batch {r.GetProperty("batch")}, not {model} at {batch}; run peer_step.py with the same --model and --batch.");
            double seconds = r.GetProperty("step_seconds").GetDouble();
            // The peer's step is counted with TrainDsl's FLOPs so both sides divide the same work; the peer's own count is shown.
            double flops = ModelFlops.TrainingStepFactor * (double)flopsPerImage * batch;
            lines.Add(new PeerLine(
                new Row("peer", $"PyTorch {r.GetProperty("torch").GetString()} {model} training step, batch {batch}", r.GetProperty("mode").GetString()!,
                    flops / seconds / 1e9, seconds * 1e3, r.GetProperty("timed").GetInt32(), batch / seconds),
                r.GetProperty("flops_per_image").GetInt64(), r.GetProperty("foreign_cpu_share").GetDouble()));
        }
        return lines;
    }
}

static class Report
{
    public static string Build(Options o, List<Row> rows, long flopsPerImage, double foreign, List<PeerLine> peer)
    {
        var inv = CultureInfo.InvariantCulture;
        var s = new StringBuilder();
        s.AppendLine(inv, $"# Fraction of peak: {o.Model}, batch {o.Batch}, {o.Threads} threads");
        s.AppendLine();
        s.AppendLine(inv, $"- CPU: {o.Cpu ?? "(not given: run.sh passes /proc/cpuinfo's model name)"}, {Environment.ProcessorCount} logical CPUs");
        if (o.Flags is not null)
        {
            var simd = o.Flags.Split(' ', StringSplitOptions.RemoveEmptyEntries)
                .Where(f => f.StartsWith("avx", StringComparison.Ordinal) || f.StartsWith("amx", StringComparison.Ordinal) || f is "fma" or "f16c");
            s.AppendLine(inv, $"- SIMD flags: {string.Join(' ', simd)}");
        }
        s.AppendLine(inv, $"- {DateTime.UtcNow:yyyy-MM-ddTHH:mmZ}; TorchSharp's libtorch; other processes used {100 * foreign:F1} % of the machine's CPU time during this process");
        s.Append(inv, $"- FLOPs: {o.Model} forward {flopsPerImage / 1e6:F1} MFLOP per 1×28×28 image (TrainDsl's ModelFlops: 2 per multiply-add of convs and linear layers); a training step counts 3× forward × batch = {3.0 * flopsPerImage * o.Batch / 1e9:F1} GFLOP");
        s.AppendLine(peer.Count > 0 ? string.Create(inv, $"; the peer's own count: {peer[0].FlopsPerImage / 1e6:F1} MFLOP") : "");
        s.AppendLine(inv, $"- settings: --steps {o.Steps} --warmup {o.Warmup} --repeats {o.Repeats} --iters {o.Iters} --budget {o.Budget} (peak: best of repeats; steps: median of repeats; a figure whose calls would take longer than the budget in seconds is timed on fewer, see the timed column)");
        s.AppendLine();
        s.AppendLine("| kind | what | precision | GFLOP/s | ms per call or step | timed | images/s |");
        s.AppendLine("|---|---|---|---:|---:|---:|---:|");
        foreach (var r in rows)
            s.AppendLine(inv, $"| {r.Kind} | {r.What} | {r.Precision} | {r.Gflops:F1} | {r.Milliseconds:F2} | {r.Timed} | {(r.ImagesPerSecond is { } ips ? ips.ToString("F0", inv) : "")} |");
        s.AppendLine();

        var peaks = rows.Where(r => r.Kind == "peak").ToList();
        Row Best(Func<Row, bool> which) => peaks.Where(which).MaxBy(r => r.Gflops)!;
        var fp32Peak = Best(r => r.Precision == "fp32");
        var bf16Peak = Best(r => r.Precision.StartsWith("bf16", StringComparison.Ordinal));
        var machinePeak = fp32Peak.Gflops >= bf16Peak.Gflops ? fp32Peak : bf16Peak;
        s.AppendLine(inv, $"Peak fp32: **{fp32Peak.Gflops:F1} GFLOP/s** ({fp32Peak.What}); peak bf16: **{bf16Peak.Gflops:F1} GFLOP/s** ({bf16Peak.What}); the machine's peak is the larger.");
        s.AppendLine();
        s.AppendLine("| step | GFLOP/s | of its precision's peak | of the machine's peak |");
        s.AppendLine("|---|---:|---:|---:|");
        foreach (var r in rows.Where(r => r.Kind is "step" or "peer"))
        {
            var own = r.Precision.StartsWith("fp32", StringComparison.Ordinal) ? fp32Peak : bf16Peak;
            s.AppendLine(inv, $"| {r.What}, {r.Precision} | {r.Gflops:F1} | {100 * r.Gflops / own.Gflops:F1} % | {100 * r.Gflops / machinePeak.Gflops:F1} % |");
        }
        var steps = rows.Where(r => r.Kind == "step").ToList();
        var peers = rows.Where(r => r.Kind == "peer").ToList();
        if (peers.Count > 0)
        {
            s.AppendLine();
            double bestOurs = steps.Max(r => r.ImagesPerSecond!.Value), bestPeer = peers.Max(r => r.ImagesPerSecond!.Value);
            s.Append(inv, $"TrainDsl's best step against PyTorch's best: **{bestOurs / bestPeer:F2}×** ({bestOurs:F0} vs {bestPeer:F0} img/s); ");
            s.AppendLine(string.Join("; ", steps.SelectMany(t => peers.Select(p => string.Create(inv, $"{t.Precision} / {p.Precision} {t.ImagesPerSecond / p.ImagesPerSecond:F2}×")))) + ".");
            if (peer.Max(p => p.ForeignCpuShare) > 0.05)
                s.AppendLine(inv, $"The peer's process shared the machine: other processes used up to {100 * peer.Max(p => p.ForeignCpuShare):F1} % of its CPU time.");
        }
        if (o.Flags is not null)
        {
            s.AppendLine();
            s.AppendLine("<details><summary>/proc/cpuinfo flags</summary>");
            s.AppendLine();
            s.AppendLine(o.Flags);
            s.AppendLine();
            s.AppendLine("</details>");
        }
        return s.ToString();
    }
}

sealed record Options(string Model, int Batch, int Threads, int Steps, int Warmup, int Repeats, int Iters, double Budget, int[] Sizes,
    string? Peer, string? Markdown, string? Json, string? Cpu, string? Flags)
{
    public static Options Parse(string[] args)
    {
        string? Get(string name)
        {
            int i = Array.IndexOf(args, "--" + name);
            return i >= 0 && i + 1 < args.Length ? args[i + 1] : null;
        }
        int Int(string name, int fallback) => Get(name) is { } v ? int.Parse(v, CultureInfo.InvariantCulture) : fallback;
        var sizes = (Get("sizes") ?? "2048,4096").Split(',').Select(v => int.Parse(v, CultureInfo.InvariantCulture)).ToArray();
        return new Options(Get("model") ?? "Wrn16x4", Int("batch", 128), Int("threads", 2), Int("steps", 20), Int("warmup", 5),
            Int("repeats", 3), Int("iters", 10), Get("budget") is { } b ? double.Parse(b, CultureInfo.InvariantCulture) : 60, sizes, Get("peer"), Get("markdown"), Get("json"), Get("cpu"), Get("flags"));
    }
}
