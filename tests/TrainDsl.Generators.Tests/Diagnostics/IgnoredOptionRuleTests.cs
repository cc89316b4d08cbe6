using Microsoft.CodeAnalysis.Testing;
using TrainDsl.Generators.Tests.Infrastructure;

namespace TrainDsl.Generators.Tests.Diagnostics;

/// <summary>TD0009: options that the chosen loss, optimizer, schedule or metric ignores.</summary>
public sealed class IgnoredOptionRuleTests
{
    private static string Recipe(string optimizer, string more) => $$"""
        [Experiment(Epochs = 90)]
        [Data(FashionMnist)]
        [Model(SmallCnn)]
        {{optimizer}}
        {{more}}
        public partial class E { }
        """;

    [Theory]
    [InlineData("[Optimizer(Sgd)]", "[Loss(CrossEntropy, {|#0:Gamma = 2|})]", "Gamma", "the CrossEntropy loss")]
    [InlineData("[Optimizer(Sgd)]", "[Loss(CrossEntropy, {|#0:Alpha = new[] { 1.0, 2.0 }|})]", "Alpha", "the CrossEntropy loss")]
    [InlineData("[Optimizer(AdamW, {|#0:Momentum = 0.9|})]", "", "Momentum", "the AdamW optimizer")]
    [InlineData("[Optimizer(AdamW, {|#0:Nesterov = true|})]", "", "Nesterov", "the AdamW optimizer")]
    [InlineData("[Optimizer(Sgd, {|#0:Beta1 = 0.9|})]", "", "Beta1", "the Sgd optimizer")]
    [InlineData("[Optimizer(Sgd, {|#0:Beta2 = 0.99|})]", "", "Beta2", "the Sgd optimizer")]
    [InlineData("[Optimizer(Sgd, {|#0:Epsilon = 1e-8|})]", "", "Epsilon", "the Sgd optimizer")]
    [InlineData("[Optimizer(Sgd)]", "[Schedule(Cosine, {|#0:Milestones = new[] { 30 }|})]", "Milestones", "the Cosine schedule")]
    [InlineData("[Optimizer(Sgd)]", "[Schedule(Cosine, {|#0:StepSize = 3|})]", "StepSize", "the Cosine schedule")]
    [InlineData("[Optimizer(Sgd)]", "[Schedule(Cosine, {|#0:Gamma = 0.5|})]", "Gamma", "the Cosine schedule")]
    [InlineData("[Optimizer(Sgd)]", "[Schedule(MultiStep, Milestones = new[] { 30 }, {|#0:StepSize = 3|})]", "StepSize", "the MultiStep schedule")]
    [InlineData("[Optimizer(Sgd)]", "[Schedule(Step, {|#0:MinLr = 1e-5|})]", "MinLr", "the Step schedule")]
    [InlineData("[Optimizer(Sgd)]", "[Schedule(MultiStep, Milestones = new[] { 30 }, {|#0:Period = 10|})]", "Period", "the MultiStep schedule")]
    [InlineData("[Optimizer(Sgd)]", "[Schedule(Constant, {|#0:Interval = PerStep|})]", "Interval", "the Constant schedule")]
    [InlineData("[Optimizer(Sgd)]", "[Metric(Accuracy, {|#0:K = 3|})]", "K", "the Accuracy metric")]
    [InlineData("[Optimizer(Sgd)]", "[Metric(MacroF1, {|#0:K = 3|})]", "K", "the MacroF1 metric")]
    [InlineData("[Optimizer(Sgd)]", "[Schedule(Cosine, {|#0:Patience = 3|})]", "Patience", "the Cosine schedule")]
    [InlineData("[Optimizer(Sgd)]", "[Schedule(Step, StepSize = 30, {|#0:Monitor = Loss|})]", "Monitor", "the Step schedule")]
    [InlineData("[Optimizer(Sgd)]", "[Schedule(Cosine, {|#0:Factor = 0.5|})]", "Factor", "the Cosine schedule")]
    [InlineData("[Optimizer(Sgd)]", "[Schedule(Cosine, {|#0:Threshold = 0.01|})]", "Threshold", "the Cosine schedule")]
    [InlineData("[Optimizer(Sgd)]", "[Schedule(Cosine, {|#0:Cooldown = 2|})]", "Cooldown", "the Cosine schedule")]
    [InlineData("[Optimizer(Sgd)]", "[Schedule(Plateau, Monitor = Loss, {|#0:Period = 10|})]", "Period", "the Plateau schedule")]
    [InlineData("[Optimizer(Sgd)]", "[Schedule(Plateau, Monitor = Loss, {|#0:Interval = PerStep|})]", "Interval", "the Plateau schedule")]
    [InlineData("[Optimizer(Sgd)]", "[Schedule(Cosine, {|#0:WarmupStart = 0.5|})]", "WarmupStart", "a schedule without WarmupEpochs or WarmupSteps")]
    [InlineData("[Optimizer(Sgd)]", "[Schedule(Cosine, {|#0:PctStart = 0.25|})]", "PctStart", "the Cosine schedule")]
    [InlineData("[Optimizer(Sgd)]", "[Schedule(Step, StepSize = 30, {|#0:ThreePhase = true|})]", "ThreePhase", "the Step schedule")]
    [InlineData("[Optimizer(Sgd)]", "[Schedule(OneCycle, {|#0:MinLr = 1e-5|})]", "MinLr", "the OneCycle schedule")]
    [InlineData("[Optimizer(Sgd)]", "[{|#0:Mixing(Probability = 0.5)|}]", "[Mixing]", "a recipe without [MixUp], [CutMix] or [FMix]")]
    [InlineData("[Optimizer(Sgd)]", "[MixUp] [Mixing({|#0:SwitchProbability = 0.5|})]", "SwitchProbability", "a single mixing method")]
    public Task Ignored_options_are_flagged(string optimizer, string more, string option, string part) => RecipeTest.VerifyAnalyzerAsync(
        Recipe(optimizer, more),
        new DiagnosticResult(DiagnosticDescriptors.OptionIgnored).WithLocation(0).WithMessage($"{option} has no effect on {part}; remove it"));

    [Theory]
    [InlineData("[Optimizer(Sgd, Momentum = 0.8, Nesterov = true, WeightDecay = 1e-4)]", "[Loss(Focal, Gamma = 1, Alpha = new[] { 1.0, 1, 1, 1, 1, 1, 1, 1, 1, 2 })]")]
    [InlineData("[Optimizer(AdamW, Beta1 = 0.8, Beta2 = 0.95, Epsilon = 1e-6, WeightDecay = 0.1)]", "[Loss(CrossEntropy, LabelSmoothing = 0.1)]")]
    [InlineData("[Optimizer(Sgd)]", "[Schedule(Step, StepSize = 30, Gamma = 0.5, Interval = PerEpoch)]")]
    [InlineData("[Optimizer(Sgd)]", "[Schedule(MultiStep, Milestones = new[] { 30 }, Gamma = 0.5)]")]
    [InlineData("[Optimizer(Sgd)]", "[Schedule(Cosine, MinLr = 1e-5, Period = 10, Interval = PerStep)]")]
    [InlineData("[Optimizer(Sgd)]", "[Metric(TopK, K = 3)]")]
    [InlineData("[Optimizer(Sgd)]", "[Schedule(Plateau, Monitor = Loss, Factor = 0.5, Patience = 2, Threshold = 0.01, Cooldown = 1, MinLr = 1e-5)]")]
    [InlineData("[Optimizer(Sgd)]", "[Schedule(Constant, Interval = PerStep, WarmupSteps = 100, WarmupStart = 0.01)]")]
    [InlineData("[Optimizer(Sgd)]", "[MixUp] [CutMix] [Mixing(Probability = 0.5, SwitchProbability = 0.5)]")]
    [InlineData("[Optimizer(Sgd)]", "[Schedule(OneCycle, Interval = PerStep, PctStart = 0.25, DivFactor = 10, FinalDivFactor = 100, ThreePhase = true)]")]
    public Task Options_of_the_chosen_part_are_fine(string optimizer, string more) => RecipeTest.VerifyAnalyzerAsync(Recipe(optimizer, more));
}
