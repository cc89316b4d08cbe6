using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Columns;
using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Exporters;
using BenchmarkDotNet.Exporters.Json;
using BenchmarkDotNet.Jobs;
using BenchmarkDotNet.Loggers;
using BenchmarkDotNet.Running;
using BenchmarkDotNet.Toolchains.InProcess.Emit;
using TorchSharp;
using TrainDsl.Augment;
using TrainDsl.Data;
using TrainDsl.Ema;
using TrainDsl.Losses;
using TrainDsl.Mixing;
using TrainDsl.Models;
using TrainDsl.Runs;
using static TorchSharp.torch;

namespace Overhead;

/// <summary>
/// BenchmarkDotNet micro-benchmarks of the per-step building blocks on one real Fashion-MNIST batch of 128, each
/// against a whole FashionBaseline training step (the baseline, so the Ratio column is the share of a step). They
/// complement the tricks part, which times the same calls inside interleaved training steps: here each call runs
/// alone, repeated until BenchmarkDotNet's statistics settle. In-process, so no second 600 MB build is made.
/// </summary>
public class Micro
{
    const int Batch = 128, Classes = 10, Seed = 1;
    DatasetSplits data = null!;
    Tensor images = null!, labels = null!, logits = null!, softTargets = null!;
    SmallCnn model = null!;
    optim.Optimizer optimizer = null!;
    readonly CrossEntropyLoss crossEntropy = new();
    readonly SoftTargetCrossEntropy softTarget = new();
    MixingPolicy mixUp = null!, cutMix = null!, fMix = null!, smoothedOneHot = null!;
    RandomCrop crop = null!;
    RandomHorizontalFlip flip = null!;
    BatchLoader loader = null!;
    ModelEma ema = null!;
    ResNet resNet = null!;
    ModelEma resNetEma = null!;
    Tricks.EndlessLoader batches = null!;

    [GlobalSetup]
    public void Setup()
    {
        TorchRuntime.EnsureLoaded();
        NativeMemory.KeepFreedForReuse(); // as every generated Train does
        torch.set_num_threads(Environment.ProcessorCount);
        data = IdxDataset.FashionMnist.Load(new DataOptions());
        loader = new BatchLoader(data.Train, Batch, shuffle: true, dropLast: true, seed: Seed);
        batches = new Tricks.EndlessLoader(loader);
        var first = loader.Epoch(0).First();
        images = first.Images;
        labels = first.Labels;
        torch.manual_seed(Seed);
        model = new SmallCnn(1, Classes);
        model.train();
        optimizer = optim.SGD(model.parameters(), 0.05, momentum: 0.9, weight_decay: 5e-4, nesterov: true);
        mixUp = new MixingPolicy([new MixUp(0.2)], Classes, seed: Seed);
        cutMix = new MixingPolicy([new CutMix(1.0)], Classes, seed: Seed);
        fMix = new MixingPolicy([new FMix(1.0)], Classes, seed: Seed);
        // A mixing probability of 0 leaves the images alone: what remains is the label-smoothed one-hot targets.
        smoothedOneHot = new MixingPolicy([new MixUp(0.2)], Classes, labelSmoothing: 0.1, mixProbability: 0, seed: Seed);
        // The losses see a batch's logits as leaves, so their benchmarks time the loss alone, not the model.
        logits = randn(new long[] { Batch, Classes }, generator: new Generator(Seed)).requires_grad_();
        using (var scope = NewDisposeScope()) softTargets = mixUp.Mix(images, labels).Targets.MoveToOuterDisposeScope();
        crop = new RandomCrop(2, seed: Seed, fill: 0);
        flip = new RandomHorizontalFlip(0.5, seed: Seed);
        ema = new ModelEma(model, () => new SmallCnn(1, Classes), new EmaDecay(0.9999));
        resNet = ResNet.ResNet20(1, Classes);
        resNetEma = new ModelEma(resNet, () => ResNet.ResNet20(1, Classes), new EmaDecay(0.9999));
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        batches.Dispose();
        foreach (var d in new IDisposable[] { ema, resNetEma, resNet, mixUp, cutMix, fMix, smoothedOneHot, crop, flip, optimizer, model, images, labels, logits, softTargets, data }) d.Dispose();
    }

    [Benchmark(Baseline = true, Description = "training step (SmallCnn, cross-entropy, SGD)")]
    public float Step()
    {
        using var scope = NewDisposeScope();
        optimizer.zero_grad();
        var loss = crossEntropy.Forward(model.forward(images), labels);
        loss.backward();
        optimizer.step();
        return loss.item<float>();
    }

    [Benchmark(Description = "MixUp(0.2) batch and targets")]
    public void MixUpCall() { using var scope = NewDisposeScope(); mixUp.Mix(images, labels); }

    [Benchmark(Description = "CutMix(1) batch and targets")]
    public void CutMixCall() { using var scope = NewDisposeScope(); cutMix.Mix(images, labels); }

    [Benchmark(Description = "FMix(1, δ 3) batch and targets")]
    public void FMixCall() { using var scope = NewDisposeScope(); fMix.Mix(images, labels); }

    [Benchmark(Description = "label-smoothed one-hot targets (0.1)")]
    public void SmoothedTargets() { using var scope = NewDisposeScope(); smoothedOneHot.Mix(images, labels); }

    [Benchmark(Description = "cross-entropy on logits, forward and backward")]
    public void HardTargetLoss() { using var scope = NewDisposeScope(); crossEntropy.Forward(logits, labels).backward(); }

    [Benchmark(Description = "soft-target cross-entropy on logits, forward and backward")]
    public void SoftTargetLoss() { using var scope = NewDisposeScope(); softTarget.Forward(logits, softTargets).backward(); }

    [Benchmark(Description = "weight EMA update, SmallCnn (ModelEma.Update: parameters and buffers)")]
    public double EmaUpdate() => ema.Update();

    [Benchmark(Description = "weight EMA update, ResNet-20 (ModelEma.Update: parameters and buffers)")]
    public double ResNetEmaUpdate() => resNetEma.Update();

    [Benchmark(Description = "RandomCrop(pad 2)")]
    public void Crop() { using var scope = NewDisposeScope(); crop.Apply(images); }

    [Benchmark(Description = "RandomHorizontalFlip(0.5)")]
    public void Flip() { using var scope = NewDisposeScope(); flip.Apply(images); }

    [Benchmark(Description = "BatchLoader: next shuffled batch")]
    public void NextBatch()
    {
        using var scope = NewDisposeScope();
        batches.Next().AttachTo(scope);
    }

    /// <summary>Runs the benchmarks in this process and writes the GitHub-markdown and JSON reports to <paramref name="folder"/>.</summary>
    public static void Run(string folder, string[] filter)
    {
        var config = ManualConfig.CreateEmpty()
            .AddJob(Job.Default.WithToolchain(InProcessEmitToolchain.Instance).WithLaunchCount(1).WithWarmupCount(3).WithIterationCount(12))
            .AddColumnProvider(DefaultColumnProviders.Instance)
            .AddColumn(StatisticColumn.Median)
            .AddLogger(ConsoleLogger.Default)
            .AddExporter(MarkdownExporter.GitHub, JsonExporter.Brief)
            .WithArtifactsPath(folder)
            .WithOptions(ConfigOptions.DisableLogFile);
        // Without a filter BenchmarkDotNet would ask which benchmarks to run.
        BenchmarkSwitcher.FromTypes([typeof(Micro)]).Run(filter.Length > 0 ? filter : ["--filter", "*"], config);
    }
}
