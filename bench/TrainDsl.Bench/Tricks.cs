using System.Diagnostics;
using FashionMnistExample;
using TorchSharp;
using TrainDsl.Data;
using TrainDsl.Losses;
using TrainDsl.Metrics;
using TrainDsl.Mixing;
using TrainDsl.Models;
using TrainDsl.Runs;
using static Overhead.Stats;
using static TorchSharp.torch;

namespace Overhead;

/// <summary>
/// What each trick costs per training step, on FashionBaseline's model, batch and optimizer with the real
/// training set. The variants (plain, each trick alone, and some settings) take turns step by step, for
/// <c>reps</c> rounds of <c>steps</c> turns with a rotating first variant, so a change in machine load falls on all of them.
/// Every step is split into phases timed with a Stopwatch (libtorch on the CPU is synchronous, so a
/// phase's time is its work): load (the BatchLoader gathering the batch), trick (the Mix call, or the
/// teacher's forward), forward, loss, backward, optimizer (zero_grad and step), item (loss.item).
/// A trick's cost is reported two ways, as a fraction of the plain step: "direct", its own phases
/// (the Mix call; for label smoothing and distillation the extra loss time), and "difference", the
/// variant's median step minus the plain one (it also catches effects outside the phase, but carries
/// the machine's noise).
/// </summary>
internal static class Tricks
{
    const int Batch = 128, Seed = 1, Classes = 10;
    static readonly string[] Phases = ["load", "trick", "forward", "loss", "backward", "optimizer", "item"];

    sealed class Variant(string name, string description)
    {
        public string Name { get; } = name;
        public string Description { get; } = description;
        public List<double> StepMedians { get; } = [];
        public Dictionary<string, List<double>> PhaseMedians { get; } = Phases.ToDictionary(p => p, _ => new List<double>());
    }

    /// <summary>Batches from consecutive epochs, without end (the micro-benchmarks use it too).</summary>
    internal sealed class EndlessLoader(BatchLoader loader) : IDisposable
    {
        int _epoch;
        IEnumerator<Batch> _batches = loader.Epoch(0).GetEnumerator();

        public Batch Next()
        {
            while (!_batches.MoveNext())
            {
                _batches.Dispose();
                _batches = loader.Epoch(++_epoch).GetEnumerator();
            }
            return _batches.Current;
        }

        public void Dispose() => _batches.Dispose();
    }

    public static void Run(int reps, int steps, int threads, bool settings)
    {
        torch.set_num_threads(threads);
        NativeMemory.KeepFreedForReuse(); // glibc keeps freed step memory, as in every generated Train
        using var data = IdxDataset.FashionMnist.Load(new DataOptions());
        var loader = new BatchLoader(data.Train, Batch, shuffle: true, dropLast: true, seed: Seed);
        using var batches = new EndlessLoader(loader);

        torch.manual_seed(Seed);
        using var model = new SmallCnn(1, Classes);
        using var optimizer = optim.SGD(model.parameters(), 0.05, momentum: 0.9, weight_decay: 5e-4, nesterov: true);
        var crossEntropy = new CrossEntropyLoss();
        var smoothed = new CrossEntropyLoss(labelSmoothing: 0.1);
        var softTarget = new SoftTargetCrossEntropy();
        var distillation = new DistillationLoss(temperature: 2, alpha: 0.5);
        using var mixUp = new MixingPolicy([new MixUp(0.2)], Classes, seed: Seed + 3_000_000);
        using var cutMix = new MixingPolicy([new CutMix(1.0)], Classes, seed: Seed + 3_000_000);
        using var fMix = new MixingPolicy([new FMix(1.0)], Classes, seed: Seed + 3_000_000);
        // The Distillation example's teacher: ResNet-20, in eval mode and without gradients.
        using var teacher = ResNet.ResNet20(1, Classes);
        teacher.eval();
        // Channels-last fp32 (NHWC in memory) for oneDNN's convolutions: its own copy of the model, same weights.
        using var modelCl = new SmallCnn(1, Classes);
        modelCl.load_state_dict(model.state_dict());
        using (no_grad())
            foreach (var p in modelCl.parameters())
                if (p.dim() == 4) p.set_(p.permute(0, 2, 3, 1).contiguous().permute(0, 3, 1, 2));
        using var optimizerCl = optim.SGD(modelCl.parameters(), 0.05, momentum: 0.9, weight_decay: 5e-4, nesterov: true);

        var variants = new List<Variant>
        {
            new("plain", "FashionBaseline's step: cross-entropy, no trick"),
            new("mixup", "MixUp(α 0.2) on every batch, soft-target cross-entropy"),
            new("cutmix", "CutMix(α 1) on every batch, soft-target cross-entropy"),
            new("fmix", "FMix(α 1, δ 3) on every batch, soft-target cross-entropy"),
            new("label-smoothing", "cross-entropy with label smoothing 0.1"),
            new("distillation", "teacher ResNet-20 forward (no grad) + DistillationLoss(T 2, α 0.5)"),
        };
        if (settings)
        {
            variants.Add(new("one-thread", "plain with torch.set_num_threads(1)"));
            variants.Add(new("channels-last", "plain with channels-last (NHWC) conv weights and input, fp32"));
        }

        var ticks = new long[Phases.Length];
        double Step(Variant v)
        {
            Array.Clear(ticks);
            long t0 = Stopwatch.GetTimestamp(), t;
            void Mark(int phase) { t = Stopwatch.GetTimestamp(); ticks[phase] += t - t0; t0 = t; }

            using var scope = NewDisposeScope();
            var batch = batches.Next().AttachTo(scope);
            Mark(0);
            var net = v.Name == "channels-last" ? modelCl : model;
            var opt = v.Name == "channels-last" ? optimizerCl : optimizer;
            Tensor images = batch.Images, target = batch.Labels, loss;
            Tensor? teacherLogits = null;
            switch (v.Name)
            {
                case "mixup": { var m = mixUp.Mix(images, target); images = m.Images; target = m.Targets; break; }
                case "cutmix": { var m = cutMix.Mix(images, target); images = m.Images; target = m.Targets; break; }
                case "fmix": { var m = fMix.Mix(images, target); images = m.Images; target = m.Targets; break; }
                case "distillation": using (no_grad()) teacherLogits = teacher.forward(images); break;
                case "channels-last": images = images.permute(0, 2, 3, 1).contiguous().permute(0, 3, 1, 2); break;
            }
            Mark(1);
            opt.zero_grad();
            Mark(5); // zero_grad counts as optimizer time
            var logits = net.forward(images);
            Mark(2);
            loss = v.Name switch
            {
                "mixup" or "cutmix" or "fmix" => softTarget.Forward(logits, target),
                "label-smoothing" => smoothed.Forward(logits, target),
                "distillation" => distillation.Forward(logits, teacherLogits!, target),
                _ => crossEntropy.Forward(logits, target),
            };
            Mark(3);
            loss.backward();
            Mark(4);
            opt.step();
            Mark(5);
            _ = loss.item<float>();
            Mark(6);
            return ticks.Sum() / (double)Stopwatch.Frequency;
        }

        // Variants take turns step by step (the first one rotating each round), so a change in the machine's
        // load falls on all of them alike; each round records every variant's median step and phases.
        void Round(int first, int count, bool record)
        {
            var stepTimes = variants.Select(_ => new List<double>()).ToArray();
            var phaseTimes = variants.Select(_ => Phases.Select(_ => new List<double>()).ToArray()).ToArray();
            model.train(); modelCl.train();
            for (int s = 0; s < count; s++)
                for (int k = 0; k < variants.Count; k++)
                {
                    int i = (first + k) % variants.Count;
                    var v = variants[i];
                    if (v.Name == "one-thread") torch.set_num_threads(1);
                    stepTimes[i].Add(Step(v));
                    if (v.Name == "one-thread") torch.set_num_threads(threads);
                    for (int p = 0; p < Phases.Length; p++) phaseTimes[i][p].Add(ticks[p] / (double)Stopwatch.Frequency);
                }
            if (!record) return;
            for (int i = 0; i < variants.Count; i++)
            {
                variants[i].StepMedians.Add(Median(stepTimes[i]));
                for (int p = 0; p < Phases.Length; p++) variants[i].PhaseMedians[Phases[p]].Add(Median(phaseTimes[i][p]));
            }
        }

        Round(0, 3, record: false); // warm-up: kernels, allocator, the enumerator
        var foreign = new List<double>();
        for (int r = 0; r < reps; r++)
        {
            var sample = MachineSample.Now();
            Round(r, steps, record: true);
            foreign.Add(MachineSample.ForeignShare(sample));
            Console.WriteLine(F($"round {r + 1}/{reps}: plain step {variants[0].StepMedians[^1] * 1000:F1} ms, other processes {foreign[^1]:P0} of the machine"));
        }

        // Evaluation: FashionBaseline's generated Evaluate over the whole test set, as after every epoch.
        var test = new BatchLoader(data.Test, 512, shuffle: false, dropLast: false, seed: Seed);
        using var confusion = new ConfusionMatrix(data.Test.Classes, data.Test.ClassNames);
        var evalTimes = new List<double>();
        for (int r = 0; r < Math.Max(3, reps); r++)
        {
            var clock = Stopwatch.StartNew();
            FashionBaseline.Evaluate(model, test, confusion);
            evalTimes.Add(clock.Elapsed.TotalSeconds);
        }

        var plain = variants[0];
        double plainStep = Median(plain.StepMedians);
        double PhaseMs(Variant v, string phase) => Median(v.PhaseMedians[phase]) * 1000;
        double Share(double seconds) => seconds / plainStep;
        var rows = new List<object>();
        Console.WriteLine(F($"{"variant",-16} {"step ms",8} {"diff",7} {"direct",7}   phases ms: {string.Join(" ", Phases.Select(p => $"{p,9}"))}"));
        var summary = new Dictionary<string, object>();
        foreach (var v in variants)
        {
            double step = Median(v.StepMedians);
            double difference = (step - plainStep) / plainStep;
            double? direct = v.Name switch
            {
                "mixup" or "cutmix" or "fmix" => Share((PhaseMs(v, "trick") + PhaseMs(v, "loss") - PhaseMs(plain, "loss")) / 1000),
                "label-smoothing" => Share((PhaseMs(v, "loss") - PhaseMs(plain, "loss")) / 1000),
                "distillation" => Share((PhaseMs(v, "loss") - PhaseMs(plain, "loss")) / 1000),
                _ => null,
            };
            Console.WriteLine(F($"{v.Name,-16} {step * 1000,8:F2} {difference,7:P1} {(direct is { } d ? d.ToString("P2", System.Globalization.CultureInfo.InvariantCulture) : ""),7}   {string.Join(" ", Phases.Select(p => $"{PhaseMs(v, p),9:F3}"))}"));
            rows.Add(new
            {
                variant = v.Name, v.Description,
                stepMs = step * 1000, stepHalfIqr = RelativeIqrHalf(v.StepMedians),
                differenceShare = difference,
                directShare = direct,
                phasesMs = Phases.ToDictionary(p => p, p => PhaseMs(v, p)),
                stepMsPerRound = v.StepMedians.Select(s => s * 1000).ToList(),
            });
        }
        var byName = variants.ToDictionary(v => v.Name);
        double teacherShare = PhaseMs(byName["distillation"], "trick") / 1000 / plainStep;
        double loaderShare = PhaseMs(plain, "load") / 1000 / plainStep;
        double optimizerShare = PhaseMs(plain, "optimizer") / 1000 / plainStep;
        int stepsPerEpoch = data.Train.Count / Batch;
        double evalSeconds = Median(evalTimes);
        double epochSeconds = stepsPerEpoch * plainStep + evalSeconds;
        Console.WriteLine(F($"teacher forward: {teacherShare:P1} of the plain step; loader: {loaderShare:P2}; optimizer (zero_grad + step): {optimizerShare:P1}"));
        Console.WriteLine(F($"evaluation of {data.Test.Count} images: {evalSeconds:F2} s = {evalSeconds / epochSeconds:P1} of an epoch ({stepsPerEpoch} steps × {plainStep * 1000:F1} ms + evaluation)"));
        Write(new
        {
            benchmark = "per-step cost of each trick, FashionBaseline (SmallCnn, SGD Nesterov, batch 128), real Fashion-MNIST",
            batch = Batch, threads, reps, stepsPerRound = steps,
            plainStepMs = plainStep * 1000,
            acceptance = "MixUp, CutMix, FMix each <= 3% of the step (direct)",
            pass = new[] { "mixup", "cutmix", "fmix" }.All(n => (PhaseMs(byName[n], "trick") + PhaseMs(byName[n], "loss") - PhaseMs(plain, "loss")) / 1000 / plainStep <= 0.03),
            teacherForwardShare = teacherShare,
            loaderShare,
            optimizerShare,
            evaluation = new { images = data.Test.Count, seconds = evalSeconds, stepsPerEpoch, epochSeconds, share = evalSeconds / epochSeconds, secondsPerRep = evalTimes },
            variants = rows,
            foreignCpuShare = foreign,
        });
    }
}
