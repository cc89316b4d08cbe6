using Microsoft.CodeAnalysis.Testing;
using TrainDsl.Generators.Tests.Infrastructure;

namespace TrainDsl.Generators.Tests.Diagnostics;

/// <summary>TD0023: parts that cannot both be honoured.</summary>
public sealed class ConflictingPartsRuleTests
{
    private static string Recipe(string more) => $$"""
        [Experiment]
        [Data(FashionMnist)]
        [Model(ResNet20)]
        [Optimizer(Sgd)]
        {{more}}
        public partial class E { }

        [Experiment]
        [Data(FashionMnist)]
        [Model(ResNet56)]
        [Optimizer(Sgd)]
        public partial class Teacher { }
        """;

    [Theory]
    [InlineData("[Schedule(Cosine, Interval = PerStep, WarmupEpochs = 1, {|#0:WarmupSteps = 100|})]", "WarmupSteps", "WarmupEpochs",
        "both set the warmup's length; keep one")]
    [InlineData("[Metric(Accuracy, Primary = true)] [Metric(MacroF1, {|#0:Primary = true|})]", "[Metric(MacroF1, Primary = true)]", "[Metric(Accuracy, Primary = true)]",
        "only one metric selects best.bin and the Plateau schedule; mark one")]
    public Task Conflicting_parts_are_an_error(string more, string part, string other, string why) => RecipeTest.VerifyAnalyzerAsync(
        Recipe(more),
        new DiagnosticResult(DiagnosticDescriptors.IncompatibleParts).WithLocation(0).WithMessage($"{part} cannot be combined with {other}: {why}"));

    [Theory]
    [InlineData("[MixUp] [CutMix] [Loss(CrossEntropy, LabelSmoothing = 0.1)]")]
    [InlineData("[Distill(typeof(Teacher))] [MixUp] [Loss(CrossEntropy, LabelSmoothing = 0.1)]")]
    [InlineData("[Loss(Focal)] [RandomCrop] [HorizontalFlip]")]
    [InlineData("[MixUp] [CutMix] [Loss(Focal, Gamma = 2)]")] // focal loss takes the soft targets
    [InlineData("[Loss(Focal, Gamma = 1)] [FMix]")]
    [InlineData("[Distill(typeof(Teacher))] [Loss(Focal)]")] // focal loss is the distillation's label term
    [InlineData("[Distill(typeof(Teacher))] [CutMix] [Loss(Focal, Gamma = 2)]")]
    [InlineData("[Loss(Focal, LabelSmoothing = 0.1)]")] // focal loss on smoothed rows
    [InlineData("[Schedule(Cosine, Interval = PerStep, WarmupSteps = 100)]")]
    [InlineData("[Metric(Accuracy, Primary = true)] [Metric(MacroF1, Primary = false)]")]
    public Task Parts_that_work_together_are_fine(string more) => RecipeTest.VerifyAnalyzerAsync(Recipe(more));
}
