using System.Diagnostics;
using FashionMnistExample;
using TorchSharp;
using TrainDsl.Runs;
using static Overhead.Stats;

namespace Overhead;

/// <summary>
/// The generated loop against the same recipe written by hand, alternated in one process: each run
/// is a whole Train call (data, model, the epochs, evaluation, saved weights), so everything the
/// generated code adds (run folder, plan, progress, metrics.csv) is inside the timing.
/// </summary>
internal static class OverheadBench
{
    const int Batch = 128, Seed = 1, TestLimit = 1000;

    /// <param name="recipe">"baseline" (FashionBaseline, one epoch) or "full" (FashionFullRecipe, two epochs: the warmup needs one).</param>
    public static void Run(string recipe, int reps, int steps)
    {
        bool full = recipe == "full";
        int epochs = full ? 2 : 1;
        int trainLimit = steps / epochs * Batch;
        var output = Directory.CreateTempSubdirectory("traindsl-bench-").FullName;
        torch.set_num_threads(Environment.ProcessorCount);

        double Generated(int trainLimit)
        {
            var settings = new RunSettings { OutputRoot = output, Log = null };
            var clock = Stopwatch.StartNew();
            if (full) FashionFullRecipe.Train(new FashionFullRecipe.Config { Epochs = epochs, TrainLimit = trainLimit, TestLimit = TestLimit, Seed = Seed }, settings);
            else FashionBaseline.Train(new FashionBaseline.Config { Epochs = epochs, TrainLimit = trainLimit, TestLimit = TestLimit, Seed = Seed }, settings);
            return clock.Elapsed.TotalSeconds;
        }

        double Hand(int trainLimit)
        {
            var clock = Stopwatch.StartNew();
            if (full) HandWrittenFull.Train(trainLimit, TestLimit, epochs, Batch, Seed, output);
            else HandWritten.Train(trainLimit, TestLimit, epochs, Batch, Seed, Path.Combine(output, "hand.bin"));
            return clock.Elapsed.TotalSeconds;
        }

        // Warm-up (JIT, libtorch kernels, the dataset cache) on a short run of each. It needs every code path, and
        // enough steps that the per-step methods reach their optimized tier before timing starts: with 10 steps the
        // background recompilation fell into the first timed run, and a hand-written copy timed against itself
        // came out 0.91x in that repeat.
        int warmupLimit = Math.Min(trainLimit, 60 * Batch);
        Generated(warmupLimit); Hand(warmupLimit);
        var ratios = new List<double>();
        var generatedTimes = new List<double>();
        var handTimes = new List<double>();
        var foreign = new List<double>();
        var generatedCounters = new List<ProcessCounters>();
        var handCounters = new List<ProcessCounters>();
        // Page faults and kernel time of each run: what glibc's allocator settings (NativeMemory) change.
        (double Seconds, ProcessCounters Counters) Counted(Func<double> run)
        {
            var before = ProcessCounters.Now();
            double seconds = run();
            return (seconds, ProcessCounters.Now() - before);
        }
        int images = trainLimit / Batch * Batch * epochs;
        for (int r = 0; r < reps; r++)
        {
            // Alternate which side goes first so drift in machine load falls on both.
            var sample = MachineSample.Now();
            (double Seconds, ProcessCounters Counters) gen, hand;
            if (r % 2 == 0) { gen = Counted(() => Generated(trainLimit)); hand = Counted(() => Hand(trainLimit)); }
            else { hand = Counted(() => Hand(trainLimit)); gen = Counted(() => Generated(trainLimit)); }
            var (g, gCounters) = gen;
            var (h, hCounters) = hand;
            generatedCounters.Add(gCounters);
            handCounters.Add(hCounters);
            foreign.Add(MachineSample.ForeignShare(sample));
            generatedTimes.Add(g);
            handTimes.Add(h);
            ratios.Add(h / g); // throughput ratio generated / hand-written
            Console.WriteLine(F($"{recipe} rep {r + 1}: generated {images / g:F0} img/s, hand-written {images / h:F0} img/s, ratio {h / g:F3}, other processes {foreign[^1]:P0} of the machine; page faults {gCounters.MinorFaults:N0} / {hCounters.MinorFaults:N0}, kernel time {gCounters.KernelSeconds:F1} / {hCounters.KernelSeconds:F1} s"));
        }
        double median = Median(ratios);
        Console.WriteLine(F($"{recipe}: median throughput ratio generated / hand-written: {median:F3} (± {RelativeIqrHalf(ratios):P1} half-IQR)"));
        Write(new
        {
            benchmark = full
                ? "generated loop vs hand-written TorchSharp (FashionFullRecipe: ResNet20, crop, flip, MixUp/CutMix, label smoothing, no-bias-decay, zero-γ, warmup + cosine, macro-F1 best)"
                : "generated loop vs hand-written TorchSharp (FashionBaseline recipe)",
            recipe, steps = images / Batch, epochs, batch = Batch, testImages = TestLimit, reps, threads = torch.get_num_threads(),
            generatedImagesPerSecond = images / Median(generatedTimes),
            handWrittenImagesPerSecond = images / Median(handTimes),
            medianRatio = median,
            ratioHalfIqr = RelativeIqrHalf(ratios),
            acceptance = ">= 0.99",
            pass = median >= 0.99,
            ratios,
            foreignCpuShare = foreign,
            generatedMinorFaults = generatedCounters.Select(c => c.MinorFaults),
            handWrittenMinorFaults = handCounters.Select(c => c.MinorFaults),
            generatedKernelSeconds = generatedCounters.Select(c => c.KernelSeconds),
            handWrittenKernelSeconds = handCounters.Select(c => c.KernelSeconds),
        });
        Directory.Delete(output, recursive: true);
    }
}
