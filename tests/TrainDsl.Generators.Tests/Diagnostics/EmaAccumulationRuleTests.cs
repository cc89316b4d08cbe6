using Microsoft.CodeAnalysis.Testing;
using TrainDsl.Generators.Tests.Infrastructure;

namespace TrainDsl.Generators.Tests.Diagnostics;

/// <summary>
/// [Ema] and [GradientAccumulation]: their ranges (TD0004), LowPrecisionEval under an EMA (TD0035), a WarmupPower without a
/// warmup (TD0009) and an accumulation over one micro-batch (TD0036).
/// </summary>
public sealed class EmaAccumulationRuleTests
{
    private static string Recipe(string more) => $$"""
        [Experiment(Epochs = 90)]
        [Data(FashionMnist)]
        [Model(SmallCnn)]
        [Optimizer(Sgd)]
        {{more}}
        public partial class E { }
        """;

    [Theory]
    [InlineData("[Ema({|#0:Decay = 1.0|})]", "Decay", "1", "a value in (0, 1)")]
    [InlineData("[Ema({|#0:Decay = 0.0|})]", "Decay", "0", "a value in (0, 1)")]
    [InlineData("[Ema({|#0:Decay = -0.5|})]", "Decay", "-0.5", "a value in (0, 1)")]
    [InlineData("[Ema(Decay = 0.99, {|#0:WarmupSteps = -1|})]", "WarmupSteps", "-1", "a value ≥ 0")]
    [InlineData("[Ema(WarmupSteps = 10, {|#0:WarmupPower = 0.0|})]", "WarmupPower", "0", "a value > 0")]
    [InlineData("[GradientAccumulation({|#0:Steps = 0|})]", "Steps", "0", "a value ≥ 1")]
    [InlineData("[GradientAccumulation({|#0:Steps = -2|})]", "Steps", "-2", "a value ≥ 1")]
    public Task Values_out_of_range_are_errors(string more, string option, string value, string range) => RecipeTest.VerifyAnalyzerAsync(
        Recipe(more), new DiagnosticResult(DiagnosticDescriptors.ValueOutOfRange).WithLocation(0).WithArguments(option, value, range));

    [Theory]
    [InlineData("[GradientAccumulation({|#0:Steps = 1|})]")]
    [InlineData("{|#0:GradientAccumulation|}")]
    public Task Accumulating_one_micro_batch_is_flagged(string more) => RecipeTest.VerifyAnalyzerAsync(
        Recipe(more.StartsWith('[') ? more : "[" + more + "]"),
        new DiagnosticResult(DiagnosticDescriptors.AccumulationOfOneStep).WithLocation(0).WithMessage(
            "[GradientAccumulation] with Steps = 1 makes every batch its own optimizer step; set Steps to 2 or more, or remove the attribute"));

    [Fact]
    public Task Low_precision_evaluation_under_an_EMA_is_flagged() => RecipeTest.VerifyAnalyzerAsync(
        Recipe("[Amp({|#0:LowPrecisionEval = true|})] [Ema]"),
        new DiagnosticResult(DiagnosticDescriptors.LowPrecisionEvalWithEma).WithLocation(0).WithMessage(
            "With [Ema] each epoch evaluates the fp32 average of the weights, so LowPrecisionEval = true has no effect; remove it"));

    [Fact]
    public Task A_warmup_power_without_a_warmup_is_ignored() => RecipeTest.VerifyAnalyzerAsync(
        Recipe("[Ema(Decay = 0.999, {|#0:WarmupPower = 0.75|})]"),
        new DiagnosticResult(DiagnosticDescriptors.OptionIgnored).WithLocation(0).WithArguments("WarmupPower", "an [Ema] without WarmupSteps"));

    [Theory]
    [InlineData("[Ema]")]
    [InlineData("[Ema(Decay = 0.999, WarmupSteps = 100, WarmupPower = 0.75)]")]
    [InlineData("[GradientAccumulation(Steps = 2)]")]
    [InlineData("[Ema(Decay = 0.99)] [GradientAccumulation(Steps = 8)] [Amp] [MixUp]")]
    [InlineData("[Amp(LowPrecisionEval = true)]")]
    public Task Sound_declarations_are_not_flagged(string more) => RecipeTest.VerifyAnalyzerAsync(Recipe(more));
}
