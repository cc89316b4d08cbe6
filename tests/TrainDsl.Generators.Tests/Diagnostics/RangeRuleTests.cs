using Microsoft.CodeAnalysis.Testing;
using TrainDsl.Generators.Tests.Infrastructure;

namespace TrainDsl.Generators.Tests.Diagnostics;

/// <summary>TD0004: each written value must be in its range; NaN and infinities never are.</summary>
public sealed class RangeRuleTests
{
    /// <summary>A valid recipe with one attribute replaced; {|TD0004:..|} marks the expected argument.</summary>
    private static string Recipe(string experiment = "[Experiment]", string data = "[Data(FashionMnist)]", string model = "[Model(SmallCnn)]",
        string optimizer = "[Optimizer(Sgd)]", string more = "")
        => $$"""
            {{experiment}}
            {{data}}
            {{model}}
            {{optimizer}}
            {{more}}
            public partial class E { }
            """;

    public static TheoryData<string> OutOfRange => new()
    {
        Recipe(experiment: "[Experiment({|TD0004:Epochs = 0|})]"),
        Recipe(experiment: "[Experiment({|TD0004:BatchSize = 0|})]"),
        Recipe(experiment: "[Experiment(Epochs = 3, {|TD0004:BatchSize = -8|})]"),
        Recipe(experiment: "[Experiment({|TD0004:Epochs = 10001|})]"),
        Recipe(experiment: "[Experiment({|TD0004:BatchSize = 65537|})]"),
        Recipe(data: "[Data(ImageFolder, {|TD0004:Size = 100000|})]"),
        Recipe(data: "[Data(ImageFolder, {|TD0004:Size = 0|})]"),
        Recipe(data: "[Data(FashionMnist, {|TD0004:TrainLimit = -1|})]"),
        Recipe(data: "[Data(FashionMnist, {|TD0004:TestLimit = -1|})]"),
        Recipe(data: "[Data({|TD0004:(DatasetKind)7|})]"),
        Recipe(model: "[Model({|TD0004:(ModelKind)99|})]"),
        Recipe(optimizer: "[Optimizer(Sgd, {|TD0004:LearningRate = 0|})]"),
        Recipe(optimizer: "[Optimizer(Sgd, {|TD0004:LearningRate = double.NaN|})]"),
        Recipe(optimizer: "[Optimizer(AdamW, {|TD0004:LearningRate = double.PositiveInfinity|})]"),
        Recipe(optimizer: "[Optimizer(Sgd, {|TD0004:Momentum = 1|})]"),
        Recipe(optimizer: "[Optimizer(Sgd, {|TD0004:Momentum = -0.1|})]"),
        Recipe(optimizer: "[Optimizer(Sgd, {|TD0004:WeightDecay = -1e-4|})]"),
        Recipe(optimizer: "[Optimizer(Sgd, {|TD0004:WeightDecay = double.PositiveInfinity|})]"),
        Recipe(optimizer: "[Optimizer(AdamW, {|TD0004:Beta1 = 1|})]"),
        Recipe(optimizer: "[Optimizer(AdamW, {|TD0004:Beta2 = -0.5|})]"),
        Recipe(optimizer: "[Optimizer(AdamW, {|TD0004:Beta2 = double.NaN|})]"),
        Recipe(optimizer: "[Optimizer(AdamW, {|TD0004:Epsilon = 0|})]"),
        Recipe(optimizer: "[Optimizer({|TD0004:(OptimizerKind)9|})]"),
        Recipe(more: "[Loss(Focal, {|TD0004:Gamma = -1|})]"),
        Recipe(more: "[Loss(Focal, {|TD0004:Alpha = new[] { 1.0, 0.0, 1, 1, 1, 1, 1, 1, 1, 1 }|})]"),
        Recipe(more: "[Loss(Focal, {|TD0004:Alpha = new[] { 1.0, double.NaN, 1, 1, 1, 1, 1, 1, 1, 1 }|})]"),
        Recipe(more: "[Loss(CrossEntropy, {|TD0004:LabelSmoothing = 1|})]"),
        Recipe(more: "[Loss(CrossEntropy, {|TD0004:LabelSmoothing = -0.1|})]"),
        Recipe(more: "[Loss({|TD0004:(LossKind)5|})]"),
        Recipe(more: "[Schedule(Step, {|TD0004:StepSize = 0|})]"),
        Recipe(more: "[Schedule(Step, StepSize = 2, {|TD0004:Gamma = 0|})]"),
        Recipe(more: "[Schedule(MultiStep, {|TD0004:Gamma = -0.1|}, Milestones = new[] { 3 })]"),
        Recipe(more: "[Schedule(MultiStep, {|TD0004:Milestones = new[] { 3, 0 }|})]"),
        Recipe(more: "[Schedule(Cosine, {|TD0004:MinLr = -1e-6|})]"),
        Recipe(more: "[Schedule(Cosine, {|TD0004:Period = -1|})]"),
        Recipe(more: "[Schedule(Cosine, {|TD0004:WarmupEpochs = -1|})]"),
        Recipe(more: "[Schedule(Cosine, {|TD0004:Interval = (ScheduleInterval)3|})]"),
        Recipe(more: "[Schedule({|TD0004:(ScheduleKind)9|})]"),
        Recipe(more: "[Schedule(OneCycle, {|TD0004:PctStart = 1|})]"),
        Recipe(more: "[Schedule(OneCycle, {|TD0004:PctStart = 0|})]"),
        Recipe(more: "[Schedule(OneCycle, {|TD0004:DivFactor = 0|})]"),
        Recipe(more: "[Schedule(OneCycle, {|TD0004:FinalDivFactor = double.PositiveInfinity|})]"),
        Recipe(more: "[Metric(TopK, {|TD0004:K = 0|})]"),
        Recipe(more: "[Metric({|TD0004:(MetricKind)42|})]"),
        Recipe(data: "[Data(FashionMnist, {|TD0004:Imbalance = 0.5|})]"),
        Recipe(data: "[Data(FashionMnist, {|TD0004:Imbalance = double.PositiveInfinity|})]"),
        Recipe(more: "[Schedule(Cosine, Interval = PerStep, {|TD0004:WarmupSteps = -1|})]"),
        Recipe(more: "[Schedule(Cosine, WarmupEpochs = 2, {|TD0004:WarmupStart = 0|})]"),
        Recipe(more: "[Schedule(Cosine, WarmupEpochs = 2, {|TD0004:WarmupStart = 1.5|})]"),
        Recipe(more: "[Schedule(Plateau, Monitor = Loss, {|TD0004:Factor = 1|})]"),
        Recipe(more: "[Schedule(Plateau, Monitor = Loss, {|TD0004:Factor = 0|})]"),
        Recipe(more: "[Schedule(Plateau, Monitor = Loss, {|TD0004:Patience = -1|})]"),
        Recipe(more: "[Schedule(Plateau, Monitor = Loss, {|TD0004:Threshold = -1e-4|})]"),
        Recipe(more: "[Schedule(Plateau, Monitor = Loss, {|TD0004:Cooldown = -2|})]"),
        Recipe(more: "[Schedule(Plateau, {|TD0004:Monitor = (MetricKind)9|})]"),
        Recipe(more: "[RandomCrop({|TD0004:Padding = 0|})]"),
        Recipe(more: "[RandomResizedCrop({|TD0004:MinScale = 0|})]"),
        Recipe(more: "[RandomResizedCrop({|TD0004:MaxScale = 1.5|})]"),
        Recipe(more: "[RandomResizedCrop({|TD0004:MinRatio = -1|})]"),
        Recipe(more: "[RandomResizedCrop({|TD0004:MaxRatio = double.PositiveInfinity|})]"),
        Recipe(more: "[RandomResizedCrop({|TD0004:MinScale = 0.9|}, MaxScale = 0.5)]"),
        Recipe(more: "[RandomResizedCrop({|TD0004:MaxScale = 0.05|})]"),
        Recipe(more: "[RandomResizedCrop({|TD0004:MinRatio = 1.5|})]"),
        Recipe(more: "[RandomResizedCrop({|TD0004:MinRatio = 2|}, MaxRatio = 0.5)]"),
        Recipe(more: "[HorizontalFlip({|TD0004:Probability = 1.5|})]"),
        Recipe(more: "[HorizontalFlip({|TD0004:Probability = -0.1|})]"),
        Recipe(more: "[MixUp({|TD0004:Alpha = 0|})]"),
        Recipe(more: "[CutMix({|TD0004:Alpha = -1|})]"),
        Recipe(more: "[FMix({|TD0004:Alpha = double.NaN|})]"),
        Recipe(more: "[FMix({|TD0004:DecayPower = 0|})]"),
        Recipe(more: "[MixUp] [Mixing({|TD0004:Probability = 2|})]"),
        Recipe(more: "[MixUp] [CutMix] [Mixing({|TD0004:SwitchProbability = -0.5|})]"),
        Recipe(more: "[Distill(typeof(TrainDsl.Models.SmallCnn), Checkpoint = \"t.bin\", {|TD0004:Temperature = 0|})]"),
        Recipe(more: "[Distill(typeof(TrainDsl.Models.SmallCnn), Checkpoint = \"t.bin\", {|TD0004:Alpha = 1.1|})]"),
        Recipe(more: "[Distill(typeof(TrainDsl.Models.SmallCnn), Checkpoint = \"t.bin\", {|TD0004:Alpha = -0.1|})]"),
    };

    [Theory]
    [MemberData(nameof(OutOfRange))]
    public Task Out_of_range_values_are_flagged_on_their_argument(string source) => RecipeTest.VerifyAnalyzerAsync(source);

    public static TheoryData<string> InRange => new()
    {
        Recipe(experiment: "[Experiment(Epochs = 1, BatchSize = 1, Seed = -5)]"),
        Recipe(experiment: "[Experiment(Epochs = 10000, BatchSize = 65536)]"),
        Recipe(data: "[Data(ImageFolder, Size = 1024)]"),
        Recipe(data: "[Data(Mnist, TrainLimit = 0, TestLimit = 0)]"),
        Recipe(model: "[Model(ResNet56)]"),
        Recipe(optimizer: "[Optimizer(Sgd, LearningRate = 0.05, Momentum = 0, WeightDecay = 0)]"),
        Recipe(optimizer: "[Optimizer(Sgd, Momentum = 0.999)]"),
        Recipe(optimizer: "[Optimizer(AdamW, LearningRate = 1e-9, Beta1 = 0, Beta2 = 0.9999, Epsilon = 1e-12)]"),
        Recipe(more: "[Loss(Focal, Gamma = 0, Alpha = new[] { 0.25, 4.0, 1, 1, 1, 1, 1, 1, 1, 1 })]"),
        Recipe(more: "[Loss(CrossEntropy, LabelSmoothing = 0)]"),
        Recipe(more: "[Loss(CrossEntropy, LabelSmoothing = 0.999)]"),
        Recipe(more: "[Schedule(Step, StepSize = 1, Gamma = 2)]"),
        Recipe(more: "[Schedule(MultiStep, Milestones = new[] { 1, 1, 5 })]"),
        Recipe(more: "[Schedule(Cosine, MinLr = 0, Period = 0, WarmupEpochs = 0)]"),
        Recipe(more: "[Metric(TopK, K = 1)]"),
        Recipe(data: "[Data(FashionMnist, Imbalance = 1)]"),
        Recipe(more: "[Schedule(Cosine, WarmupEpochs = 2, WarmupStart = 1)]"),
        Recipe(more: "[Schedule(Cosine, Interval = PerStep, WarmupSteps = 0)]"),
        Recipe(more: "[Schedule(Plateau, Monitor = Loss, Factor = 0.99, Patience = 0, Threshold = 0, Cooldown = 0, MinLr = 0)]"),
        Recipe(more: "[RandomCrop(Padding = 1)] [HorizontalFlip(Probability = 0)]"),
        Recipe(more: "[HorizontalFlip(Probability = 1)]"),
        Recipe(more: "[RandomResizedCrop(MinScale = 1, MaxScale = 1, MinRatio = 1, MaxRatio = 1)]"),
        Recipe(more: "[RandomResizedCrop(MinScale = 1e-3, MinRatio = 1e-3, MaxRatio = 1e3)]"),
        Recipe(more: "[MixUp(Alpha = 1e-3)] [CutMix(Alpha = 5)] [FMix(Alpha = 1, DecayPower = 1e-3)] [Mixing(Probability = 0, SwitchProbability = 1)]"),
        Recipe(more: "[Distill(typeof(TrainDsl.Models.SmallCnn), Checkpoint = \"t.bin\", Temperature = 1e-3, Alpha = 0)]"),
        Recipe(more: "[Distill(typeof(TrainDsl.Models.SmallCnn), Checkpoint = \"t.bin\", Alpha = 1)]"),
    };

    [Theory]
    [MemberData(nameof(InRange))]
    public Task Boundary_values_inside_the_range_are_fine(string source) => RecipeTest.VerifyAnalyzerAsync(source);

    [Fact]
    public Task The_message_names_the_value_and_the_range() => RecipeTest.VerifyAnalyzerAsync(
        Recipe(optimizer: "[Optimizer(Sgd, {|#0:Momentum = 1|})]"),
        new DiagnosticResult(DiagnosticDescriptors.ValueOutOfRange).WithLocation(0).WithMessage(
            "Momentum = 1 is out of range; use a value in [0, 1)"));

    /// <summary>Issue #15: an image size that passes "≥ 1" but cannot fit in memory is refused in one sentence.</summary>
    [Fact]
    public Task An_image_size_beyond_the_bound_names_it() => RecipeTest.VerifyAnalyzerAsync(
        Recipe(data: "[Data(ImageFolder, {|#0:Size = 100000|})]"),
        new DiagnosticResult(DiagnosticDescriptors.ValueOutOfRange).WithLocation(0).WithMessage(
            "Size = 100000 is out of range; use 1 to 1,024 pixels"));

    [Fact]
    public Task An_inverted_range_names_its_other_end() => RecipeTest.VerifyAnalyzerAsync(
        Recipe(more: "[RandomResizedCrop({|#0:MinScale = 0.9|}, MaxScale = 0.5)] [HorizontalFlip]"),
        new DiagnosticResult(DiagnosticDescriptors.ValueOutOfRange).WithLocation(0).WithMessage(
            "MinScale = 0.9 is out of range; use a value ≤ MaxScale (0.5)"));

    [Fact]
    public Task A_high_end_below_the_default_low_end_is_flagged_on_itself() => RecipeTest.VerifyAnalyzerAsync(
        Recipe(more: "[RandomResizedCrop({|#0:MaxRatio = 0.5|})]"),
        new DiagnosticResult(DiagnosticDescriptors.ValueOutOfRange).WithLocation(0).WithMessage(
            "MaxRatio = 0.5 is out of range; use a value ≥ MinRatio (0.75)"));

    [Fact]
    public Task The_message_names_the_offending_element() => RecipeTest.VerifyAnalyzerAsync(
        Recipe(more: "[Schedule(MultiStep, {|#0:Milestones = new[] { 3, 0 }|})]"),
        new DiagnosticResult(DiagnosticDescriptors.ValueOutOfRange).WithLocation(0).WithArguments("Milestones[1]", "0", "values ≥ 1"));

    [Fact]
    public Task An_unknown_enum_value_lists_the_known_ones() => RecipeTest.VerifyAnalyzerAsync(
        Recipe(data: "[Data({|#0:(DatasetKind)7|})]"),
        new DiagnosticResult(DiagnosticDescriptors.ValueOutOfRange).WithLocation(0).WithArguments("Dataset", "7", "one of FashionMnist, Mnist, Cifar10, Cifar100, ImageFolder"));
}
