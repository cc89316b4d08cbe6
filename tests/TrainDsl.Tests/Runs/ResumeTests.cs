using TorchSharp;
using TrainDsl.Cli;
using TrainDsl.Data;
using TrainDsl.Losses;
using TrainDsl.Mixing;
using TrainDsl.Models;
using TrainDsl.Optim;
using TrainDsl.Precision;
using TrainDsl.Runs;
using TrainDsl.Schedules;
using TrainDsl.Tests.Cli;
using TrainDsl.Tests.Data;
using TrainDsl.Tests.Precision;
using static TorchSharp.torch;

namespace TrainDsl.Tests.Runs;

/// <summary>
/// Resume, with a hand-written loop that calls TrainSession as the generated code does, on real Fashion-MNIST
/// batches: a run stopped and resumed must end bitwise where the same run uninterrupted ends. The loop draws
/// from the global generator (dropout, weight init), so these tests run alone.
/// </summary>
[Collection(nameof(GlobalRandomState))]
public class ResumeTests
{
    const int StepsPerEpoch = 4, BatchSize = 32, Seed = 3, TestImages = 256;
    const double BaseLr = 0.05;
    const string Experiment = "ResumeRecipe";

    public ResumeTests() => TorchRuntime.EnsureLoaded();

    /// <summary>Everything a run ends with that a resumed run must reproduce.</summary>
    sealed record Outcome(RunSummary Summary, int FirstEpoch, List<Tensor> Weights, byte[] Optimizer, string Plateau,
        List<double> Lambdas, double? LossScale, int? GrowthTracker);

    static RecipePlan PlanFor(int epochs, string experiment = Experiment, double lr = BaseLr) => new()
    {
        Experiment = experiment,
        Dataset = "Fashion-MNIST",
        Model = "tiny",
        Loss = "soft-target cross-entropy",
        Optimizer = "SGD",
        LearningRate = lr,
        LearningRateSource = "set",
        Schedule = "ReduceLROnPlateau",
        Metrics = ["accuracy"], PrimaryMetric = "accuracy",
        Epochs = epochs,
        BatchSize = BatchSize,
        Seed = Seed,
        TrainSize = StepsPerEpoch * BatchSize,
        StepsPerEpoch = StepsPerEpoch,
        LearningRates = new LearningRatePlan(new ConstantSchedule(), lr, 1, StepsPerEpoch, perStep: false),
        Config = new Dictionary<string, object?>
        {
            ["Epochs"] = epochs, ["BatchSize"] = BatchSize, ["Seed"] = Seed, ["LearningRate"] = lr,
            ["Nesterov"] = true, ["Milestones"] = new[] { 1, 2 },
        },
    };

    static RunSettings Settings(string root, long maxSteps = 0, string? resume = null) =>
        new() { OutputRoot = root, MaxSteps = maxSteps, Resume = resume, Log = null, LiveProgress = false };

    // A conv layer, dropout (global generator) and a linear head: small enough for a few fast steps.
    static nn.Module<Tensor, Tensor> TinyModel() => nn.Sequential(
        nn.Conv2d(1, 8, 3, stride: 2), nn.ReLU(), nn.Dropout(0.25), nn.Flatten(), nn.Linear(8 * 13 * 13, 10));

    /// <summary>
    /// Start → Resume → epochs (StepDone, EpochDone, plateau, SaveIfBest, SaveResumePoint) → SaveCheckpoint → Finish.
    /// The plateau's threshold is so high that only the first epoch improves, so it halves the rate after the second.
    /// </summary>
    static Outcome Train(RunSettings settings, int epochs, string optimizerKind = "sgd", AmpPrecision? precision = null,
        RecipePlan? plan = null, Action<MixedPrecision?, ReduceLROnPlateau>? afterResume = null)
    {
        var session = TrainSession.Start(plan ?? PlanFor(epochs), settings);
        var data = SharedData.Fashion;
        manual_seed(Seed);
        using var model = precision is null ? TinyModel() : new SmallCnn(1, 10);
        using var amp = precision is { } p
            ? new MixedPrecision(model, () => new SmallCnn(1, 10), p, p == AmpPrecision.Float16 ? new DynamicLossScaler(initialScale: 1024, growthInterval: 3) : null)
            : null;
        using optim.Optimizer optimizer = optimizerKind switch
        {
            "sgd" => optim.SGD(NoBiasDecay.SgdGroups(model, 5e-4), BaseLr, momentum: 0.9, nesterov: true),
            "sgd-one-group" => optim.SGD(model.parameters(), BaseLr, momentum: 0.9, nesterov: true),
            "lars" => new Lars(NoBiasDecay.LarsGroups(model, 5e-4), BaseLr, momentum: 0.9, trustCoefficient: 0.02),
            "lamb" => new Lamb(NoBiasDecay.LambGroups(model, 0.01), BaseLr / 10),
            _ => optim.AdamW(NoBiasDecay.AdamWGroups(model, 0.05), BaseLr / 10),
        };
        var plateau = new ReduceLROnPlateau(BaseLr, maximize: true, factor: 0.5, patience: 0, threshold: 10);
        using var mixing = new MixingPolicy([new MixUp(0.8), new CutMix(1.0)], classes: 10, mixProbability: 0.8, seed: Seed + 3_000_000);
        var criterion = new SoftTargetCrossEntropy();
        var train = new BatchLoader(data.Train, BatchSize, shuffle: true, dropLast: true, seed: Seed);
        var lambdas = new List<double>();

        int first = session.Resume(model, optimizer, amp, plateau, mixing);
        afterResume?.Invoke(amp, plateau);
        for (int epoch = first; epoch < epochs && !session.ShouldStop; epoch++)
        {
            model.train();
            session.BeginEpoch();
            double lr = plateau.LearningRate;
            optimizer.SetLearningRate(lr);
            foreach (var batch in train.Epoch(epoch).Take(StepsPerEpoch))
            {
                using var scope = NewDisposeScope();
                batch.AttachTo(scope);
                var mixed = mixing.Mix(batch.Images, batch.Labels);
                lambdas.Add(mixed.Lambda);
                optimizer.zero_grad();
                if (amp is null)
                {
                    criterion.Forward(model.call(mixed.Images), mixed.Targets).backward();
                    optimizer.step();
                }
                else
                {
                    amp.Backward(criterion.Forward(amp.Forward(mixed.Images), mixed.Targets));
                    amp.Step(optimizer);
                }
                session.StepDone(epoch, 0, lr, batch.Size);
                if (session.ShouldStop) break;
            }
            double accuracy = Accuracy(model, data.Test);
            session.EpochDone(epoch, [new("accuracy", accuracy)]);
            plateau.Step(accuracy);
            session.SaveIfBest(model, accuracy, maximize: true);
            session.SaveResumePoint(model, optimizer, amp, plateau, mixing);
        }
        var summary = session.Finish(session.SaveCheckpoint(model));

        var weights = model.state_dict().Values.Select(t => t.detach().clone().DetachFromDisposeScope()).ToList();
        using var stream = new MemoryStream();
        using (var writer = new BinaryWriter(stream, System.Text.Encoding.UTF8, leaveOpen: true))
            ((TorchSharp.Modules.OptimizerHelper)optimizer).save_state_dict(writer);
        return new Outcome(summary, first, weights, stream.ToArray(), plateau.SaveState(), lambdas, amp?.Scaler?.Scale, amp?.Scaler?.GrowthTracker);
    }

    static double Accuracy(nn.Module<Tensor, Tensor> model, ImageDataset test)
    {
        model.eval();
        using var noGrad = no_grad();
        using var scope = NewDisposeScope();
        var loader = new BatchLoader(test, TestImages, shuffle: false, dropLast: false, seed: 0);
        var batch = loader.Epoch(0).First();
        batch.AttachTo(scope);
        return model.call(batch.Images).argmax(1).eq(batch.Labels).to_type(ScalarType.Float64).mean().item<double>();
    }

    static void AssertSameEnd(Outcome expected, Outcome actual)
    {
        Assert.Equal(expected.Weights.Count, actual.Weights.Count);
        for (int i = 0; i < expected.Weights.Count; i++)
            Assert.True(expected.Weights[i].bytes.SequenceEqual(actual.Weights[i].bytes), $"weight tensor {i} differs (bitwise) after resuming");
        Assert.True(expected.Optimizer.AsSpan().SequenceEqual(actual.Optimizer), "the optimizer state (momentum buffers / Adam moments) differs after resuming");
        Assert.Equal(expected.Plateau, actual.Plateau);
        Assert.Equal(expected.Summary.Steps, actual.Summary.Steps);
        Assert.Equal(expected.Summary.EpochsCompleted, actual.Summary.EpochsCompleted);
        Assert.Equal(expected.Summary.FinalMetrics, actual.Summary.FinalMetrics);
        Assert.Equal(expected.Summary.BestMetric, actual.Summary.BestMetric);
        Assert.Equal(expected.Summary.BestEpoch, actual.Summary.BestEpoch);
    }

    static string RunFolderOf(string root) => Assert.Single(Directory.GetDirectories(Path.Combine(root, Experiment)));

    static Dictionary<string, byte[]> Snapshot(string folder) =>
        Directory.GetFiles(folder).ToDictionary(f => Path.GetFileName(f), File.ReadAllBytes);

    static void AssertUnchanged(Dictionary<string, byte[]> before, string folder)
    {
        var after = Snapshot(folder);
        Assert.Equal(before.Keys.Order(), after.Keys.Order());
        foreach (var (name, bytes) in before) Assert.True(bytes.AsSpan().SequenceEqual(after[name]), $"{name} changed");
    }

    [Theory]
    [InlineData("sgd", 2 * StepsPerEpoch)]      // stopped at the end of epoch 2
    [InlineData("sgd", StepsPerEpoch + 2)]      // stopped inside epoch 2: it is trained again from the epoch-1 point
    [InlineData("adamw", 2 * StepsPerEpoch)]
    [InlineData("lars", 2 * StepsPerEpoch)]     // TrainDsl's own optimizers: their state_dict round trip
    [InlineData("lamb", StepsPerEpoch + 2)]
    public void AStoppedAndResumedRunEndsBitwiseWhereTheUninterruptedOneDoes(string optimizerKind, long stopAfter)
    {
        using var a = SharedData.NewFolder();
        using var b = SharedData.NewFolder();
        var uninterrupted = Train(Settings(a.Path), 3, optimizerKind);

        var stopped = Train(Settings(b.Path, maxSteps: stopAfter), 3, optimizerKind);
        Assert.Equal("max-steps", stopped.Summary.Status);
        var folder = RunFolderOf(b.Path);
        Assert.True(File.Exists(Path.Combine(folder, RunFolder.ResumeFile)));
        Assert.True(File.Exists(Path.Combine(folder, RunFolder.ResumeWeightsFile)));
        Assert.True(File.Exists(Path.Combine(folder, RunFolder.ResumeOptimizerFile)));
        Assert.Empty(Directory.GetFiles(folder, "*.new").Concat(Directory.GetFiles(folder, "*.tmp")));
        int resumePointEpochs = (int)(stopAfter / StepsPerEpoch);

        double? resumedLr = null;
        var resumed = Train(Settings(b.Path, resume: folder), 3, optimizerKind, afterResume: (_, plateau) => resumedLr = plateau.LearningRate);
        Assert.Equal(resumePointEpochs, resumed.FirstEpoch);
        Assert.Equal("completed", resumed.Summary.Status);
        Assert.Equal(folder, resumed.Summary.RunFolder);
        // After two epochs the plateau has halved the rate: a fresh plateau would train epoch 3 at the base rate.
        Assert.Equal(resumePointEpochs == 2 ? BaseLr / 2 : BaseLr, resumedLr);
        AssertSameEnd(uninterrupted, resumed);
        // The mixing generator continues: the resumed epochs draw the λs the uninterrupted run drew in them.
        Assert.Equal(uninterrupted.Lambdas.Skip(resumePointEpochs * StepsPerEpoch), resumed.Lambdas);

        // One header, one row per epoch (a stopped partial epoch's row is replaced), the plan's new epoch count.
        var metrics = File.ReadAllLines(Path.Combine(folder, RunFolder.MetricsFile));
        Assert.Equal(4, metrics.Length);
        Assert.StartsWith("epoch,", metrics[0]);
        Assert.Equal(new[] { "1", "2", "3" }, metrics.Skip(1).Select(l => l.Split(',')[0]));
        Assert.Equal(File.ReadAllLines(Path.Combine(RunFolderOf(a.Path), RunFolder.MetricsFile)).Skip(1).Select(l => l.Split(',')[5]),
            metrics.Skip(1).Select(l => l.Split(',')[5]));
        Assert.Contains("\"epochsCompleted\": 3", File.ReadAllText(Path.Combine(folder, RunFolder.SummaryFile)));
    }

    [Fact]
    public void AFinishedRunCanBeExtended()
    {
        using var a = SharedData.NewFolder();
        using var b = SharedData.NewFolder();
        var uninterrupted = Train(Settings(a.Path), 3);
        Train(Settings(b.Path), 2);
        var folder = RunFolderOf(b.Path);
        var extended = Train(Settings(b.Path, resume: folder), 3);
        Assert.Equal(2, extended.FirstEpoch);
        AssertSameEnd(uninterrupted, extended);
        Assert.Contains("\"epochs\": 3", File.ReadAllText(Path.Combine(folder, RunFolder.PlanFile)));
    }

    [Fact]
    public void Fp16ResumeRestoresTheLossScaler()
    {
        using var a = SharedData.NewFolder();
        using var b = SharedData.NewFolder();
        var uninterrupted = Train(Settings(a.Path), 2, precision: AmpPrecision.Float16);
        var stopped = Train(Settings(b.Path, maxSteps: StepsPerEpoch), 2, precision: AmpPrecision.Float16);
        // 4 clean steps with growth every 3: 1024 → 2048, one step since; a fresh scaler would be at 1024 and 0.
        Assert.Equal(2048.0, stopped.LossScale);
        Assert.Equal(1, stopped.GrowthTracker);

        (double Scale, int Tracker)? restored = null;
        var resumed = Train(Settings(b.Path, resume: RunFolderOf(b.Path)), 2, precision: AmpPrecision.Float16,
            afterResume: (amp, _) => restored = (amp!.Scaler!.Scale, amp.Scaler.GrowthTracker));
        Assert.Equal((stopped.LossScale!.Value, stopped.GrowthTracker!.Value), restored);
        AssertSameEnd(uninterrupted, resumed);
        Assert.Equal(uninterrupted.LossScale, resumed.LossScale);
        Assert.Equal(uninterrupted.GrowthTracker, resumed.GrowthTracker);
    }

    [Fact]
    public void Bf16HasNoStateToSave()
    {
        using var model = new SmallCnn(1, 10);
        using var amp = new MixedPrecision(model, () => new SmallCnn(1, 10), AmpPrecision.BFloat16);
        Assert.Null(amp.SaveState());
        Assert.Equal("lossScaler", amp.ResumeKey);
    }

    [Fact]
    public void GeneratorStatesRoundTrip()
    {
        using var images = randn(new long[] { 8, 1, 28, 28 }, generator: new Generator(1));
        using var labels = arange(8, ScalarType.Int64) % 10;
        using var mixing = new MixingPolicy([new MixUp(0.8), new CutMix(1.0)], classes: 10, seed: 5);
        using var crop = new TrainDsl.Augment.RandomCrop(4, seed: 6);
        using var flip = new TrainDsl.Augment.RandomHorizontalFlip(0.5, seed: 7);
        mixing.Mix(images, labels).Images.Dispose();
        var (m, c, f) = (mixing.SaveState(), crop.SaveState(), flip.SaveState());
        var expected = (mixing.Mix(images, labels).Lambda, crop.Apply(images), flip.Apply(images));

        using var mixing2 = new MixingPolicy([new MixUp(0.8), new CutMix(1.0)], classes: 10, seed: 99);
        using var crop2 = new TrainDsl.Augment.RandomCrop(4, seed: 99);
        using var flip2 = new TrainDsl.Augment.RandomHorizontalFlip(0.5, seed: 99);
        mixing2.LoadState(m); crop2.LoadState(c); flip2.LoadState(f);
        Assert.Equal(expected.Lambda, mixing2.Mix(images, labels).Lambda);
        TensorAssert.Identical(expected.Item2, crop2.Apply(images));
        TensorAssert.Identical(expected.Item3, flip2.Apply(images));
        Assert.Throws<ArgumentException>(() => mixing2.LoadState("""{"generator":"AAAA"}"""));
        Assert.Throws<ArgumentException>(() => mixing2.LoadState("not json"));
    }

    [Fact]
    public void BadResumeFoldersGetOneSentenceAndStayIntact()
    {
        using var root = SharedData.NewFolder();
        Train(Settings(root.Path), 2);
        var done = RunFolderOf(root.Path);

        TrainDslException Fails(string folder, RecipePlan plan)
        {
            var before = Snapshot(folder);
            var e = Assert.Throws<TrainDslException>(() => TrainSession.Start(plan, Settings(root.Path, resume: folder)));
            AssertUnchanged(before, folder);
            // One sentence: the parenthesised detail from a library aside, no full stop before the end.
            var sentence = System.Text.RegularExpressions.Regex.Replace(e.Message, @"\([^()]*\)", "");
            Assert.DoesNotContain(". ", sentence);
            Assert.EndsWith(".", sentence);
            return e;
        }

        Assert.Contains("has already completed 2 epochs", Fails(done, PlanFor(2)).Message);
        Assert.Contains("--epochs N with N > 2", Fails(done, PlanFor(1)).Message);
        Assert.Contains("belongs to experiment ResumeRecipe, not Other", Fails(done, PlanFor(3, experiment: "Other")).Message);
        var lr = Fails(done, PlanFor(3, lr: 0.1)).Message;
        Assert.Contains("LearningRate = 0.05, but this run has 0.1", lr);
        Assert.Contains("--set LearningRate=0.05", lr);

        var missing = Path.Combine(root.Path, "nope");
        Assert.Contains("does not exist", Assert.Throws<TrainDslException>(() => TrainSession.Start(PlanFor(3), Settings(root.Path, resume: missing))).Message);
        Assert.False(Directory.Exists(missing));
        Assert.Contains("is not a run folder", Fails(root.Path, PlanFor(3)).Message);

        // Every epoch trained but stopped before model.bin: resuming the same plan trains nothing and only finishes.
        using var unsaved = SharedData.NewFolder();
        Train(Settings(unsaved.Path), 2);
        var unsavedFolder = RunFolderOf(unsaved.Path);
        File.Delete(Path.Combine(unsavedFolder, RunFolder.CheckpointFile));
        var finished = Train(Settings(unsaved.Path, resume: unsavedFolder), 2);
        Assert.Equal(2, finished.FirstEpoch);
        Assert.Equal("completed", finished.Summary.Status);
        Assert.Equal(2, finished.Summary.EpochsCompleted);
        Assert.True(File.Exists(Path.Combine(unsavedFolder, RunFolder.CheckpointFile)));

        // Stopped inside its first epoch: nothing to resume from.
        using var early = SharedData.NewFolder();
        Train(Settings(early.Path, maxSteps: 2), 2);
        Assert.Contains("has no resume point yet", Fails(RunFolderOf(early.Path), PlanFor(2)).Message);

        using var corrupt = SharedData.NewFolder();
        Train(Settings(corrupt.Path), 2);
        var corruptFolder = RunFolderOf(corrupt.Path);
        File.WriteAllText(Path.Combine(corruptFolder, RunFolder.ResumeFile), """{"format":"TrainDsl.ResumePoint/1","epochsCo""");
        Assert.Contains("cannot be read", Fails(corruptFolder, PlanFor(3)).Message);

        // The optimizer's parameter groups are checked before anything is loaded.
        var before = Snapshot(done);
        var groups = Assert.Throws<TrainDslException>(() => Train(Settings(root.Path, resume: done), 3, "sgd-one-group"));
        Assert.Contains("has 2 optimizer parameter groups, but this optimizer has 1", groups.Message);
        AssertUnchanged(before, done);
        var kind = Assert.Throws<TrainDslException>(() => Train(Settings(root.Path, resume: done), 3, "adamw"));
        Assert.Contains("holds the state of SGD, but this run uses AdamW", kind.Message);
        AssertUnchanged(before, done);
    }

    [Fact]
    public void AnUncommittedResumePointIsDiscardedAndACommittedOneFinished()
    {
        using var root = SharedData.NewFolder();
        Train(Settings(root.Path), 1);
        var folder = RunFolder.Open(RunFolderOf(root.Path));
        var resume = File.ReadAllBytes(folder.ResumePath);
        var weights = File.ReadAllBytes(folder.ResumeWeightsPath);

        // A crash while staging: the old point stays.
        File.WriteAllText(folder.ResumeWeightsPath + ".new", "half a file");
        File.WriteAllText(folder.ResumePath + ".tmp", "{");
        folder.RecoverResumePoint();
        Assert.Equal(weights, File.ReadAllBytes(folder.ResumeWeightsPath));
        Assert.Equal(resume, File.ReadAllBytes(folder.ResumePath));
        Assert.Empty(Directory.GetFiles(folder.Path, "*.new").Concat(Directory.GetFiles(folder.Path, "*.tmp")));

        // A crash after the commit, with the weights already moved: the rest is moved on reopening.
        File.WriteAllBytes(folder.ResumeOptimizerPath + ".new", [1, 2, 3]);
        File.WriteAllText(folder.ResumePath + ".new", "{}");
        folder.RecoverResumePoint();
        Assert.Equal([1, 2, 3], File.ReadAllBytes(folder.ResumeOptimizerPath));
        Assert.Equal("{}", File.ReadAllText(folder.ResumePath));
    }

    [Fact]
    public void BeginEpochWithoutResumeIsRefused()
    {
        using var root = SharedData.NewFolder();
        Train(Settings(root.Path), 1);
        var session = TrainSession.Start(PlanFor(2), Settings(root.Path, resume: RunFolderOf(root.Path)));
        Assert.Throws<InvalidOperationException>(session.BeginEpoch);
    }

    [Fact]
    public void CommandLineResumeTakesTheRunsSettings()
    {
        using var root = SharedData.NewFolder();
        var folder = Path.Combine(root.Path, Experiment, "1");
        Directory.CreateDirectory(folder);
        File.WriteAllText(Path.Combine(folder, RunFolder.PlanFile), PlanFor(2).ToJson());
        var experiment = new RecordingExperiment(Experiment);
        var stderr = new StringWriter();

        int exit = ExperimentCli.Run(["train", "--resume", folder, "--epochs", "5", "--set", "Seed=9"], [new RecordingExperiment("Other"), experiment],
            new StringWriter(), stderr);

        Assert.True(exit == 0, stderr.ToString());
        Assert.Equal(folder, experiment.Settings!.Resume); // the run folder's experiment, not the first by name
        var overrides = experiment.Overrides!;
        Assert.Equal(5, overrides.Epochs);
        Assert.False(overrides.Values.ContainsKey("Epochs")); // --epochs wins
        Assert.Equal("9", overrides.Values["Seed"]);          // --set wins
        Assert.Equal("0.05", overrides.Values["LearningRate"]);
        Assert.Equal("true", overrides.Values["Nesterov"]);
        Assert.Equal("1,2", overrides.Values["Milestones"]);
        var saved = System.Text.Json.Nodes.JsonNode.Parse(PlanFor(2).ToJson())!.AsObject();
        Assert.Equal("2", TrainCommand.ResumeOverrides(ConfigOverrides.None, saved).Values["Epochs"]);

        var eval = new StringWriter();
        Assert.Equal(1, ExperimentCli.Run(["eval", "--resume", folder], [experiment], new StringWriter(), eval));
        Assert.Contains("--resume", eval.ToString());
        var help = new StringWriter();
        Assert.Equal(0, ExperimentCli.Run(["train", "--help"], [experiment], help, new StringWriter()));
        Assert.Contains("--resume <RUN_FOLDER>", help.ToString());
    }
}
