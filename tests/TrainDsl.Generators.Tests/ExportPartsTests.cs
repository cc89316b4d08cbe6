using TrainDsl.Generators.Tests.Infrastructure;

namespace TrainDsl.Generators.Tests;

/// <summary>
/// DeclaredParts, which export-torch writes as recipe.json's "parts": every part says its kind through its emitter,
/// in the order the contract lists them, and the generated code compiles.
/// </summary>
public sealed class ExportPartsTests
{
    /// <summary>The lines of the generated DeclaredParts initializer, trimmed, after checking the code compiles.</summary>
    private static List<string> PartLines(string source, string experiment = "E")
    {
        var run = GeneratorHarness.Run(TestCompilation.Create(source));
        var errors = TestCompilation.Errors(run.OutputCompilation);
        Assert.True(errors.IsEmpty, string.Join(Environment.NewLine, errors));
        var text = run.Sources.Single(s => s.HintName.EndsWith("." + experiment + ".g.cs", StringComparison.Ordinal)
            || s.HintName == experiment + ".g.cs").Text;
        var start = text.IndexOf("DeclaredParts { get; } = new()", StringComparison.Ordinal);
        Assert.True(start >= 0, "no DeclaredParts in " + experiment);
        var end = text.IndexOf("};", start, StringComparison.Ordinal);
        return text[start..end].Split('\n').Skip(2).Select(l => l.Trim()).Where(l => l.Length > 0).ToList();
    }

    [Fact]
    public void The_full_recipe_lists_every_part_by_kind()
    {
        var lines = PartLines("""
            namespace App;

            [Experiment(Epochs = 6, BatchSize = 128, Seed = 1)]
            [Data(FashionMnist, Validation = 0.1)]
            [Model(ResNet20)]
            [RandomCrop(Padding = 2)]
            [HorizontalFlip]
            [MixUp(Alpha = 0.2)]
            [CutMix(Alpha = 1.0)]
            [Loss(CrossEntropy, LabelSmoothing = 0.1)]
            [Optimizer(Sgd, Momentum = 0.9, Nesterov = true, WeightDecay = 5e-4)]
            [NoBiasDecay]
            [ZeroGamma]
            [Schedule(Cosine, Interval = PerStep, WarmupEpochs = 1)]
            [Metric(Accuracy)]
            [Metric(MacroF1, Primary = true)]
            public partial class E;
            """);

        Assert.Equal(
        [
            "Data = \"FashionMnist\",",
            "Model = \"ResNet20\",",
            "Augment = [\"RandomCrop\", \"HorizontalFlip\"],",
            "Mixing = [\"MixUp\", \"CutMix\"],",
            "Loss = \"CrossEntropy\",",
            "Optimizer = \"Sgd\",",
            "Schedule = \"Cosine\",",
            "ScheduleInterval = \"PerStep\",",
            "Metrics = [\"Accuracy\", \"MacroF1\"],",
            "Tricks = [\"NoBiasDecay\", \"ZeroGamma\"],",
        ], lines);
    }

    [Fact]
    public void A_plain_recipe_has_empty_lists_and_the_default_schedule()
    {
        var lines = PartLines("""
            namespace App;

            [Experiment]
            [Data(Cifar10)]
            [Model(SmallCnn)]
            [Optimizer(AdamW)]
            public partial class E;
            """);

        Assert.Equal(
        [
            "Data = \"Cifar10\",",
            "Model = \"SmallCnn\",",
            "Augment = [],",
            "Mixing = [],",
            "Loss = \"CrossEntropy\",",
            "Optimizer = \"AdamW\",",
            "Schedule = \"Constant\",",
            "ScheduleInterval = \"PerEpoch\",",
            "Metrics = [\"Accuracy\"],",
            "Tricks = [],",
        ], lines);
    }

    [Fact]
    public void Tricks_follow_the_contracts_order_and_top_k_carries_its_k()
    {
        var lines = PartLines("""
            namespace App;

            [Experiment(Epochs = 10)]
            [Data(Mnist)]
            [Model(ResNet18)]
            [RandomResizedCrop]
            [FMix]
            [Loss(Focal, Gamma = 2)]
            [Optimizer(Sgd)]
            [ClipGradNorm(MaxNorm = 1)]
            [GradientAccumulation(Steps = 2)]
            [EarlyStopping(Patience = 3)]
            [Ema]
            [Amp]
            [Schedule(OneCycle, Interval = PerStep)]
            [Metric(TopK, K = 3)]
            public partial class E;
            """);

        Assert.Contains("Augment = [\"RandomResizedCrop\"],", lines);
        Assert.Contains("Mixing = [\"FMix\"],", lines);
        Assert.Contains("Loss = \"Focal\",", lines);
        Assert.Contains("Schedule = \"OneCycle\",", lines);
        Assert.Contains("Metrics = [\"TopK:3\"],", lines);
        Assert.Contains("Tricks = [\"Amp\", \"Ema\", \"EarlyStopping\", \"GradientAccumulation\", \"ClipGradNorm\"],", lines);
    }

    [Fact]
    public void A_user_model_and_source_are_custom_and_a_teacher_names_its_experiments_model()
    {
        var source = """
            using TorchSharp;
            using static TorchSharp.torch;

            namespace App;

            public sealed class MyNet : nn.Module<Tensor, Tensor>
            {
                private readonly TorchSharp.Modules.Linear fc;
                public MyNet(int inChannels, int classes) : base(nameof(MyNet)) { fc = nn.Linear(784 * inChannels, classes); RegisterComponents(); }
                public override Tensor forward(Tensor input) => fc.call(input.flatten(1));
            }

            [Experiment]
            [Data(FashionMnist)]
            [Model(ResNet20)]
            [Optimizer(Sgd)]
            public partial class Teacher;

            [Experiment]
            [Data(FashionMnist)]
            [Model(typeof(MyNet))]
            [Distill(typeof(Teacher))]
            [Optimizer(Sgd)]
            public partial class E;
            """;

        var lines = PartLines(source);

        Assert.Contains("Model = \"Custom:App.MyNet\",", lines);
        Assert.Contains("TeacherModel = global::App.Teacher.DeclaredParts.Model,", lines);
    }
}
