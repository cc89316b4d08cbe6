using Microsoft.CodeAnalysis.Testing;
using TrainDsl.CodeFixes;
using TrainDsl.Generators.Tests.Infrastructure;

namespace TrainDsl.Generators.Tests.Diagnostics;

/// <summary>
/// The options of Adam, RMSprop, LARS and LAMB: their ranges (TD0004), options another optimizer ignores (TD0009),
/// the linear scaling rule on LARS only (TD0001), Adam's coupled weight decay (TD0038), LARS and LAMB adapting
/// biases and norms (TD0039), and [NoBiasDecay] under the default decay of each (TD0015).
/// </summary>
public sealed class OptimizerRuleTests
{
    private static string Recipe(string optimizer, string more = "", string experiment = "[Experiment]") => $$"""
        {{experiment}}
        [Data(FashionMnist)]
        [Model(SmallCnn)]
        {{optimizer}}
        {{more}}
        public partial class E { }
        """;

    public static TheoryData<string> OutOfRange => new()
    {
        Recipe("[Optimizer(Adam, {|TD0004:Beta1 = 1|})]"),
        Recipe("[Optimizer(Adam, {|TD0004:Epsilon = 0|})]"),
        Recipe("[Optimizer(RmsProp, {|TD0004:Alpha = 1|})]"),
        Recipe("[Optimizer(RmsProp, {|TD0004:Alpha = -0.1|})]"),
        Recipe("[Optimizer(RmsProp, {|TD0004:Momentum = 1.5|})]"),
        Recipe("[Optimizer(Lars, {|TD0004:TrustCoefficient = 0|})]", "[NoBiasDecay]"),
        Recipe("[Optimizer(Lars, {|TD0004:WeightDecay = -1e-4|})]", "[NoBiasDecay]"),
        Recipe("[Optimizer(Lamb, {|TD0004:Beta2 = 1|})]", "[NoBiasDecay]"),
        Recipe("[Optimizer(Lamb, {|TD0004:LearningRate = 0|})]", "[NoBiasDecay]"),
        Recipe("[Optimizer({|TD0004:(OptimizerKind)6|})]"),
    };

    [Theory]
    [MemberData(nameof(OutOfRange))]
    public Task Out_of_range_options_are_errors(string source) => RecipeTest.VerifyAnalyzerAsync(source);

    [Theory]
    [InlineData("[Optimizer(AdamW, {|#0:Amsgrad = true|})]", "", "Amsgrad", "the AdamW optimizer")]
    [InlineData("[Optimizer(Adam, {|#0:Momentum = 0.9|})]", "", "Momentum", "the Adam optimizer")]
    [InlineData("[Optimizer(Adam, {|#0:Alpha = 0.9|})]", "", "Alpha", "the Adam optimizer")]
    [InlineData("[Optimizer(RmsProp, {|#0:Beta1 = 0.9|})]", "", "Beta1", "the RmsProp optimizer")]
    [InlineData("[Optimizer(RmsProp, {|#0:Nesterov = true|})]", "", "Nesterov", "the RmsProp optimizer")]
    [InlineData("[Optimizer(Sgd, {|#0:Centered = true|})]", "", "Centered", "the Sgd optimizer")]
    [InlineData("[Optimizer(Sgd, {|#0:TrustCoefficient = 0.001|})]", "", "TrustCoefficient", "the Sgd optimizer")]
    [InlineData("[Optimizer(Lars, {|#0:Epsilon = 1e-8|})]", "[NoBiasDecay]", "Epsilon", "the Lars optimizer")]
    [InlineData("[Optimizer(Lamb, {|#0:Momentum = 0.9|})]", "[NoBiasDecay]", "Momentum", "the Lamb optimizer")]
    [InlineData("[Optimizer(Lamb, {|#0:TrustCoefficient = 0.001|})]", "[NoBiasDecay]", "TrustCoefficient", "the Lamb optimizer")]
    public Task Options_another_optimizer_takes_are_flagged(string optimizer, string more, string option, string part)
        => RecipeTest.VerifyAnalyzerAsync(Recipe(optimizer, more),
            new DiagnosticResult(DiagnosticDescriptors.OptionIgnored).WithLocation(0).WithArguments(option, part));

    [Theory]
    [InlineData("[Optimizer(Adam, LearningRate = 3e-4, Beta1 = 0.8, Beta2 = 0.99, Epsilon = 1e-7, Amsgrad = true)]", "")]
    [InlineData("[Optimizer(RmsProp, LearningRate = 1e-3, Alpha = 0.9, Epsilon = 1e-6, Momentum = 0.9, Centered = true)]", "")]
    [InlineData("[Optimizer(RmsProp, WeightDecay = 1e-5)]", "[NoBiasDecay]")]
    [InlineData("[Optimizer(Lars, Momentum = 0.9, TrustCoefficient = 0.02, WeightDecay = 1e-6)]", "[NoBiasDecay]")]
    [InlineData("[Optimizer(Lars, WeightDecay = 0)]", "[NoBiasDecay]")] // the no-decay group still skips the trust ratio
    [InlineData("[Optimizer(Lamb, LearningRate = 0.1, Beta1 = 0.9, Beta2 = 0.98, Epsilon = 1e-6, WeightDecay = 0.05)]", "[NoBiasDecay]")]
    [InlineData("[Optimizer(Lamb, WeightDecay = 0)]", "[NoBiasDecay]")]
    [InlineData("[Optimizer(Adam, LearningRate = 0.1)]", "")] // not an SGD optimizer: no linear scaling rule
    public Task Valid_options_are_not_flagged(string optimizer, string more) => RecipeTest.VerifyAnalyzerAsync(Recipe(optimizer, more));

    [Fact]
    public Task A_LARS_rate_off_the_linear_scaling_rule_is_flagged() => RecipeTest.VerifyAnalyzerAsync(
        Recipe("[Optimizer(Lars, {|#0:LearningRate = 1|})]", "[NoBiasDecay]", "[Experiment(BatchSize = 4096)]"),
        new DiagnosticResult(DiagnosticDescriptors.LinearScalingRule).WithLocation(0).WithArguments("1", "4096", "1.6"));

    [Theory]
    [InlineData("Lamb")]
    [InlineData("RmsProp")]
    public Task Adaptive_rates_are_not_held_to_the_linear_scaling_rule(string kind) => RecipeTest.VerifyAnalyzerAsync(
        Recipe("[Optimizer(" + kind + ", LearningRate = 1, WeightDecay = 0.01)]", "[NoBiasDecay]", "[Experiment(BatchSize = 4096)]"));

    [Fact]
    public Task Adam_with_weight_decay_suggests_AdamW() => RecipeTest.VerifyAnalyzerAsync(
        Recipe("[Optimizer(Adam, {|#0:WeightDecay = 0.01|})]"),
        new DiagnosticResult(DiagnosticDescriptors.AdamWithWeightDecay).WithLocation(0).WithMessage(
            "Adam adds WeightDecay = 0.01 to the gradient as L2, which its per-coordinate scaling then shrinks unevenly, so it regularizes little; " +
            "use [Optimizer(AdamW, WeightDecay = 0.01)] for decoupled decay"));

    [Theory]
    [InlineData("Lars", "LARS", "SimCLR's and BYOL's LARS do")]
    [InlineData("Lamb", "LAMB", "BERT's LAMB does")]
    public Task Layerwise_optimizers_without_NoBiasDecay_are_told_about_it(string kind, string name, string practice)
        => RecipeTest.VerifyAnalyzerAsync(
            Recipe("[Optimizer({|#0:" + kind + "|})]"),
            new DiagnosticResult(DiagnosticDescriptors.LayerwiseWithoutNoBiasDecay).WithLocation(0).WithMessage(
                name + " applies its layer-wise trust ratio (and any weight decay) to biases and norm parameters too; add [NoBiasDecay] to exempt them, as " + practice));

    [Theory]
    [InlineData("[Optimizer(Adam)]")]     // Adam's default decay is 0
    [InlineData("[Optimizer(RmsProp)]")]  // so is RMSprop's
    public Task NoBiasDecay_under_a_default_decay_of_zero_is_flagged(string optimizer) => RecipeTest.VerifyAnalyzerAsync(
        Recipe(optimizer, "[{|#0:NoBiasDecay|}]"),
        new DiagnosticResult(DiagnosticDescriptors.NoBiasDecayWithoutWeightDecay).WithLocation(0));
    [Theory]
    [InlineData("Adam", "AdamW")]
    [InlineData("OptimizerKind.Adam", "OptimizerKind.AdamW")]
    public Task The_fix_turns_Adam_into_AdamW_and_keeps_the_options(string written, string fixedKind)
        => RecipeTest.VerifyCodeFixAsync<AdamWeightDecayCodeFix>(
            Recipe("[Optimizer(" + written + ", LearningRate = 3e-4, {|TD0038:WeightDecay = 0.05|}, Beta2 = 0.98)]"),
            Recipe("[Optimizer(" + fixedKind + ", LearningRate = 3e-4, WeightDecay = 0.05, Beta2 = 0.98)]"),
            AdamWeightDecayCodeFix.EquivalenceKey,
            title: "Use AdamW (decoupled weight decay)");
}
