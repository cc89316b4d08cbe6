using Microsoft.CodeAnalysis;
using TrainDsl.Generators.Tests.Infrastructure;

namespace TrainDsl.Generators.Tests;

/// <summary>What the generator emits around the rules: nothing for an error, everything despite a warning.</summary>
public sealed class GeneratorBehaviourTests
{
    private static string Recipe(string experiment, string optimizer, string more = "") => $$"""
        namespace App;

        {{experiment}}
        [Data(FashionMnist)]
        [Model(SmallCnn)]
        {{optimizer}}
        {{more}}
        public partial class E { }
        """;

    [Theory]
    [InlineData("[Experiment(Epochs = 0)]", "[Optimizer(Sgd)]", "")] // TD0004
    [InlineData("[Experiment]", "[Optimizer(Sgd, Momentum = 0, Nesterov = true)]", "")] // TD0010
    [InlineData("[Experiment]", "[Optimizer(Sgd)]", "[Schedule(MultiStep)]")] // TD0007
    [InlineData("[Experiment(Epochs = 4)]", "[Optimizer(Sgd)]", "[Schedule(Cosine, WarmupEpochs = 4)]")] // TD0016
    [InlineData("[Experiment]", "[Optimizer(Sgd)]", "[Schedule(Plateau)]")] // TD0018
    [InlineData("[Experiment]", "[Optimizer(Sgd)]", "[Schedule(Cosine, Interval = PerStep, WarmupEpochs = 1, WarmupSteps = 9)]")] // TD0023
    public void A_recipe_with_an_error_generates_nothing(string experiment, string optimizer, string more)
    {
        var run = GeneratorHarness.Run(TestCompilation.Create(OutputKind.ConsoleApplication, Recipe(experiment, optimizer, more)));

        // Nothing of the experiment; only the entry point, which names no Runner of it, so no CS5001 joins the TD error.
        var entryPoint = Assert.Single(run.Sources);
        Assert.Equal("TrainDslProgram.g.cs", entryPoint.HintName);
        Assert.DoesNotContain("Runner", entryPoint.Text);
        Assert.Empty(TestCompilation.Errors(run.OutputCompilation));
        Assert.Empty(run.Diagnostics); // the analyzer reports; the generator stays quiet
    }

    [Fact]
    public void A_class_that_is_not_partial_generates_nothing()
    {
        var source = Recipe("[Experiment]", "[Optimizer(Sgd)]").Replace("partial class", "class");
        var run = GeneratorHarness.Run(TestCompilation.Create(source));

        Assert.Empty(run.Sources);
        Assert.Empty(TestCompilation.Errors(run.OutputCompilation));
    }

    [Fact]
    public async Task A_recipe_with_warnings_still_generates_code_that_compiles()
    {
        var source = Recipe("[Experiment(Epochs = 5)]", "[Optimizer(Sgd, LearningRate = 0.3, Beta1 = 0.9)]",
            "[Schedule(Step, StepSize = 8)] [Metric(Accuracy)] [Metric(Accuracy)] [Amp]");
        var compilation = TestCompilation.Create(source);

        var warnings = (await AnalyzerRunner.RunAsync(compilation)).Select(d => d.Id).Order().ToList();
        Assert.Equal(["TD0001", "TD0006", "TD0009", "TD0012"], warnings);

        var run = GeneratorHarness.Run(compilation);
        var generated = Assert.Single(run.Sources);
        Assert.Contains("var logits = amp.Forward(batch.Images);", generated.Text);
        Assert.Single(System.Text.RegularExpressions.Regex.Matches(generated.Text, "new global::TrainDsl.Metrics.TopKAccuracy"));
        var errors = TestCompilation.Errors(run.OutputCompilation);
        Assert.True(errors.IsEmpty, string.Join(Environment.NewLine, errors));
    }

    [Fact]
    public void Each_declared_part_adds_only_its_own_lines()
    {
        string Generate(string more) => GeneratorHarness.Run(TestCompilation.Create(Recipe("[Experiment]", "[Optimizer(Sgd)]", more))).Sources.Single().Text;

        var plain = Generate("");
        Assert.DoesNotContain("SetLearningRate", plain); // no [Schedule]: the optimizer keeps its rate
        Assert.DoesNotContain("LabelSmoothing", plain);
        Assert.DoesNotContain("Focal", plain);
        Assert.DoesNotContain("Notes = [", plain);

        var smoothed = Generate("[Loss(CrossEntropy, LabelSmoothing = 0.1)]");
        Assert.Contains("public double LabelSmoothing { get; init; } = 0.1;", smoothed);
        Assert.Contains("var criterion = new global::TrainDsl.Losses.CrossEntropyLoss(labelSmoothing: config.LabelSmoothing);", smoothed);

        var perEpoch = Generate("[Schedule(Step, StepSize = 3)]");
        Assert.Contains("double lr = schedule.At(epoch, config.ResolvedLearningRate);", perEpoch);
        Assert.DoesNotContain("session.Steps", perEpoch);

        Assert.Contains("loss.backward();", plain);
        Assert.DoesNotContain("amp", plain);
        var amp = Generate("[Amp]");
        Assert.Contains("using var amp = new global::TrainDsl.Precision.MixedPrecision(model, () => CreateModel(data.Train.Channels, data.Train.Classes),", amp);
        Assert.Contains("    global::TrainDsl.AmpPrecision.BFloat16, enabled: config.Amp);", amp);
        Assert.Contains("amp.Backward(loss);", amp);
        Assert.Contains("amp.Step(optimizer);", amp);
        Assert.DoesNotContain("loss.backward();", amp);
        Assert.Contains("var metrics = Evaluate(model, test", amp); // fp32 evaluation unless LowPrecisionEval
    }

    [Theory]
    [InlineData("public static partial class E { }")]
    [InlineData("internal abstract partial class E { }")]
    [InlineData("public sealed partial class E { public static int Helper() => 1; }")]
    public void Static_abstract_and_sealed_experiments_compile(string declaration)
    {
        var source = Recipe("[Experiment]", "[Optimizer(Sgd)]").Replace("public partial class E { }", declaration);
        var run = GeneratorHarness.Run(TestCompilation.Create(OutputKind.ConsoleApplication, source));

        Assert.Equal(["App.E.g.cs", "TrainDslProgram.g.cs"], run.Sources.Select(s => s.HintName));
        var errors = TestCompilation.Errors(run.OutputCompilation);
        Assert.True(errors.IsEmpty, string.Join(Environment.NewLine, errors));
    }

    /// <summary>Combinations no baseline covers: each must still generate code that compiles.</summary>
    [Theory]
    [InlineData("[Data(Mnist, Imbalance = 20)]", "[Metric(Accuracy)]")] // the plan's class-balance note (TD0013 warns)
    [InlineData("[Data(FashionMnist)]", "[Metric(Loss)]")] // only the test loss: a one-field Metrics record
    [InlineData("[Data(FashionMnist)]", "[Schedule(Cosine, Interval = PerStep, WarmupEpochs = 1)] [Metric(TopK, K = 3, Primary = true)]")]
    [InlineData("[Data(FashionMnist)]", "[Schedule(Step, StepSize = 3, Interval = PerStep, WarmupSteps = 10)]")]
    [InlineData("[Data(FashionMnist)]", "[Schedule(Plateau, Monitor = TopK)] [Metric(TopK, K = 2)]")]
    [InlineData("[Data(FashionMnist)]", "[CutMix] [FMix] [MixUp] [Mixing(SwitchProbability = 0.9)] [HorizontalFlip] [RandomCrop(Padding = 2)]")]
    [InlineData("[Data(FashionMnist)]", "[Distill(typeof(Teacher), Checkpoint = \"t.bin\")] [CutMix] [Loss(CrossEntropy, LabelSmoothing = 0.2)]")]
    [InlineData("[Data(FashionMnist)]", "[Distill(typeof(Net), Checkpoint = \"n.bin\", Alpha = 1)] [NoBiasDecay] [ZeroGamma]")]
    [InlineData("[Data(FashionMnist)]", "[Amp(LowPrecisionEval = true)] [ZeroGamma] [NoBiasDecay] [FMix] [Schedule(Plateau, Monitor = Loss)]")]
    [InlineData("[Data(Mnist)]", "[Amp(Float16, ChannelsLast = false)] [Distill(typeof(Teacher), Checkpoint = \"t.bin\")] [MixUp]")]
    public void Unusual_combinations_compile(string data, string more)
    {
        var source = $$"""
            using TorchSharp;
            using static TorchSharp.torch;

            namespace App;

            [Experiment(Epochs = 5)]
            {{data}}
            [Model(ResNet20)]
            [Optimizer(AdamW)]
            {{more}}
            public partial class E { }

            [Experiment]
            [Data(FashionMnist)]
            [Model(SmallCnn)]
            [Optimizer(Sgd)]
            public partial class Teacher { }

            public sealed class Net : nn.Module<Tensor, Tensor>
            {
                public Net() : base("Net") { }
                public override Tensor forward(Tensor x) => x.flatten(1)[.., ..10];
            }
            """;
        var run = GeneratorHarness.Run(TestCompilation.Create(source));

        Assert.Contains(run.Sources, s => s.HintName == "App.E.g.cs");
        var errors = TestCompilation.Errors(run.OutputCompilation);
        Assert.True(errors.IsEmpty, string.Join(Environment.NewLine, errors));
    }

    [Fact]
    public void The_entry_point_lists_experiments_in_name_order()
    {
        var run = GeneratorHarness.Run(TestCompilation.Create(OutputKind.ConsoleApplication, Recipes.ExecutableZeta, Recipes.ExecutableAlpha));
        var program = run.Sources.Single(s => s.HintName == "TrainDslProgram.g.cs").Text;

        Assert.True(program.IndexOf("App.Alpha", StringComparison.Ordinal) < program.IndexOf("App.Zeta", StringComparison.Ordinal));
    }
}
