using TrainDsl.Generators.Tests.Infrastructure;

namespace TrainDsl.Generators.Tests;

/// <summary>
/// "Adding or removing one line of the declaration adds or removes exactly one part of the generated step":
/// the Train method of a recipe with one more attribute differs from the plain one by exactly that part's lines.
/// </summary>
public sealed class DeclaredPartTests
{
    private static string Recipe(string more) => $$"""
        namespace App;

        [Experiment]
        [Data(FashionMnist)]
        [Model(ResNet20)]
        [Optimizer(Sgd)]
        [Metric(Accuracy)]
        [Metric(MacroF1)]
        {{more}}
        public partial class E { }
        """;

    /// <summary>The plain recipe with one more attribute; [Data(..)] and [Metric(MacroF1, ..)] replace the plain one.</summary>
    private static string With(string attribute)
        => attribute.StartsWith("[Data(", StringComparison.Ordinal) ? Recipe("").Replace("[Data(FashionMnist)]", attribute)
            : attribute.StartsWith("[Metric(MacroF1", StringComparison.Ordinal) ? Recipe("").Replace("[Metric(MacroF1)]", attribute)
            : Recipe(attribute);

    /// <summary>The trimmed, non-empty, non-doc lines of the generated Train method, after checking the code compiles.</summary>
    private static List<string> TrainLines(string source)
    {
        var run = GeneratorHarness.Run(TestCompilation.Create(source));
        var errors = TestCompilation.Errors(run.OutputCompilation);
        Assert.True(errors.IsEmpty, string.Join(Environment.NewLine, errors));
        var text = run.Sources.Single().Text;
        var start = text.IndexOf("public static TrainResult Train(", StringComparison.Ordinal);
        var end = text.IndexOf("/// <summary>Test-set metrics of the weights", start, StringComparison.Ordinal);
        return text[start..end].Split('\n').Select(l => l.Trim()).Where(l => l.Length > 0 && !l.StartsWith("///", StringComparison.Ordinal)).ToList();
    }

    /// <summary>Lines of <paramref name="a"/> that <paramref name="b"/> lacks, counting repeats.</summary>
    private static List<string> Minus(List<string> a, List<string> b)
    {
        var rest = b.ToList();
        var result = new List<string>();
        foreach (var line in a)
        {
            if (!rest.Remove(line)) result.Add(line);
        }
        return result;
    }

    public static TheoryData<string, string[], string[]> Parts => new()
    {
        {
            "[ZeroGamma]",
            [
                "// Each residual block starts as its shortcut: the last BatchNorm of its branch has γ = 0 (Goyal et al. 2017, §5.1).",
                "if (config.ZeroGamma) global::TrainDsl.Models.ZeroGamma.Apply(model);",
            ],
            []
        },
        {
            "[RandomCrop]",
            [
                "// torchvision pads the raw image with black, which is (0 − mean) / std in the normalised batch.",
                "using var crop = new global::TrainDsl.Augment.RandomCrop(",
                "config.CropPadding, seed: config.Seed + CropSeedOffset, fill: -data.Train.Mean[0] / data.Train.Std[0]);",
                "int firstEpoch = session.Resume(model, optimizer, crop);",
                "var cropped = config.Crop ? crop.Apply(batch.Images) : batch.Images;",
                "var logits = model.forward(cropped);",
                "session.SaveResumePoint(model, optimizer, crop);",
            ],
            ["int firstEpoch = session.Resume(model, optimizer);", "var logits = model.forward(batch.Images);", "session.SaveResumePoint(model, optimizer);",]
        },
        {
            "[HorizontalFlip(Probability = 0.25)]",
            [
                "using var flip = new global::TrainDsl.Augment.RandomHorizontalFlip(config.FlipProbability, seed: config.Seed + FlipSeedOffset);",
                "int firstEpoch = session.Resume(model, optimizer, flip);",
                "var flipped = config.Flip ? flip.Apply(batch.Images) : batch.Images;",
                "var logits = model.forward(flipped);",
                "session.SaveResumePoint(model, optimizer, flip);",
            ],
            ["int firstEpoch = session.Resume(model, optimizer);", "var logits = model.forward(batch.Images);", "session.SaveResumePoint(model, optimizer);",]
        },
        {
            "[MixUp]",
            [
                "// With Mixing off no batch is mixed: the images pass unchanged, the targets are their one-hot rows.",
                "using var mixing = new global::TrainDsl.Mixing.MixingPolicy(",
                "[new global::TrainDsl.Mixing.MixUp(config.MixUpAlpha)],",
                "data.Train.Classes,",
                "mixProbability: config.Mixing ? 1 : 0,",
                "seed: config.Seed + MixingSeedOffset);",
                "var criterion = new global::TrainDsl.Losses.SoftTargetCrossEntropy();",
                "int firstEpoch = session.Resume(model, optimizer, mixing);",
                "var mixed = mixing.Mix(batch.Images, batch.Labels);",
                "var logits = model.forward(mixed.Images);",
                "var loss = criterion.Forward(logits, mixed.Targets);",
                "session.SaveResumePoint(model, optimizer, mixing);",
            ],
            [
                "var criterion = new global::TrainDsl.Losses.CrossEntropyLoss();",
                "int firstEpoch = session.Resume(model, optimizer);",
                "var logits = model.forward(batch.Images);",
                "var loss = criterion.Forward(logits, batch.Labels);",
                "session.SaveResumePoint(model, optimizer);",
            ]
        },
        {
            "[NoBiasDecay]",
            [
                "// No weight decay on biases and norm parameters (He et al. 2019, §3.1): each group sets its own.",
                "// With NoBiasDecay off every parameter is in the decayed group.",
                "var parameterGroups = global::TrainDsl.Optim.NoBiasDecay.SgdGroups(model, config.WeightDecay, exempt: config.NoBiasDecay);",
                "using var optimizer = global::TorchSharp.torch.optim.SGD(parameterGroups, config.ResolvedLearningRate,",
                "momentum: config.Momentum, nesterov: config.Nesterov);",
            ],
            [
                "using var optimizer = global::TorchSharp.torch.optim.SGD(model.parameters(), config.ResolvedLearningRate,",
                "momentum: config.Momentum, weight_decay: config.WeightDecay, nesterov: config.Nesterov);",
            ]
        },
        {
            "[Loss(CrossEntropy, LabelSmoothing = 0.1)]",
            ["var criterion = new global::TrainDsl.Losses.CrossEntropyLoss(labelSmoothing: config.LabelSmoothing);"],
            ["var criterion = new global::TrainDsl.Losses.CrossEntropyLoss();"]
        },
        {
            "[Schedule(Constant, WarmupEpochs = 2)]",
            [
                "var schedule = CreateSchedule(config, train.Count);",
                "int firstEpoch = session.Resume(model, optimizer, schedule);",
                "double lr = schedule.At(epoch, config.ResolvedLearningRate);",
                "global::TrainDsl.Optim.OptimizerExtensions.SetLearningRate(optimizer, lr);",
                "session.StepDone(epoch, loss.item<float>(), lr, batch.Size);",
                "session.SaveResumePoint(model, optimizer, schedule);",
            ],
            ["int firstEpoch = session.Resume(model, optimizer);", "session.StepDone(epoch, loss.item<float>(), config.ResolvedLearningRate, batch.Size);", "session.SaveResumePoint(model, optimizer);",]
        },
        {
            "[Schedule(OneCycle, Interval = PerStep)]",
            [
                "var schedule = CreateSchedule(config, train.Count);",
                "int firstEpoch = session.Resume(model, optimizer, schedule);",
                "double lr = schedule.At(session.Steps, config.ResolvedLearningRate);",
                "global::TrainDsl.Optim.OptimizerExtensions.SetLearningRate(optimizer, lr);",
                "session.StepDone(epoch, loss.item<float>(), lr, batch.Size);",
                "session.SaveResumePoint(model, optimizer, schedule);",
            ],
            ["int firstEpoch = session.Resume(model, optimizer);", "session.StepDone(epoch, loss.item<float>(), config.ResolvedLearningRate, batch.Size);", "session.SaveResumePoint(model, optimizer);",]
        },
        {
            "[Schedule(Plateau, Monitor = Loss)]",
            [
                "var schedule = CreateSchedule(config, train.Count);",
                "int firstEpoch = session.Resume(model, optimizer, schedule);",
                "double lr = schedule.At(epoch, config.ResolvedLearningRate);",
                "global::TrainDsl.Optim.OptimizerExtensions.SetLearningRate(optimizer, lr);",
                "session.StepDone(epoch, loss.item<float>(), lr, batch.Size);",
                "schedule.Observe(epoch, metrics.Loss);",
                "session.SaveResumePoint(model, optimizer, schedule);",
            ],
            ["int firstEpoch = session.Resume(model, optimizer);", "session.StepDone(epoch, loss.item<float>(), config.ResolvedLearningRate, batch.Size);", "session.SaveResumePoint(model, optimizer);",]
        },
        {
            "[Amp]",
            [
                "// 16-bit forward and backward on a working copy; the optimizer updates the fp32 master weights of model.",
                "// With Amp off (enabled: false) the same calls train model in fp32 and build no working copy.",
                "using var amp = new global::TrainDsl.Precision.MixedPrecision(model, () => CreateModel(data.Train.Channels, data.Train.Classes),",
                "global::TrainDsl.AmpPrecision.BFloat16, enabled: config.Amp);",
                "if (amp.Enabled && global::TrainDsl.Precision.CpuBf16.Note() is { } slowBf16) session.Note(slowBf16);",
                "int firstEpoch = session.Resume(model, optimizer, amp);",
                "var logits = amp.Forward(batch.Images);",
                "amp.Backward(loss);",
                "if (session.IsFinite(loss, model)) amp.Step(optimizer);",
                "session.SaveResumePoint(model, optimizer, amp);",
            ],
            [
                "int firstEpoch = session.Resume(model, optimizer);", "var logits = model.forward(batch.Images);", "loss.backward();",
                "if (session.IsFinite(loss, model)) optimizer.step();", "session.SaveResumePoint(model, optimizer);",
            ]
        },
        {
            "[Data(FashionMnist, Imbalance = 10)]",
            [
                "var loaded = CreateDataSource().Load(DataOptionsFor(config, settings));",
                "// The long-tailed training set replaces the balanced one, which is freed at once; the test set stays balanced.",
                "using var data = loaded with { Train = global::TrainDsl.Data.LongTail.Apply(loaded.Train, config.Imbalance) };",
                "loaded.Train.Dispose();",
            ],
            ["using var data = CreateDataSource().Load(DataOptionsFor(config, settings));"]
        },
        {
            "[Metric(MacroF1, Primary = true)]",
            ["session.SaveIfBest(model, metrics.MacroF1, maximize: true);"],
            ["session.SaveIfBest(model, metrics.Accuracy, maximize: true);"]
        },
    };

    [Theory]
    [MemberData(nameof(Parts))]
    public void One_attribute_adds_exactly_its_part(string attribute, string[] added, string[] removed)
    {
        var plain = TrainLines(Recipe(""));
        var with = TrainLines(With(attribute));

        Assert.Equal(added, Minus(with, plain));
        Assert.Equal(removed, Minus(plain, with));
    }
}
