using Microsoft.CodeAnalysis.Testing;
using TrainDsl.Generators.Tests.Infrastructure;

namespace TrainDsl.Generators.Tests.Diagnostics;

/// <summary>TD0013: a long tail of ratio ≥ ClassBalance.Threshold (3) with only accuracy-like metrics.</summary>
public sealed class ImbalanceMetricRuleTests
{
    private static string Recipe(string data, string metrics) => $$"""
        [Experiment]
        [{{data}}]
        [Model(SmallCnn)]
        [Optimizer(Sgd)]
        {{metrics}}
        public partial class E { }
        """;

    [Fact]
    public Task A_long_tail_with_the_default_accuracy_is_flagged_on_the_ratio() => RecipeTest.VerifyAnalyzerAsync(
        Recipe("Data(FashionMnist, {|#0:Imbalance = 100|})", ""),
        new DiagnosticResult(DiagnosticDescriptors.AccuracyOnImbalancedData).WithLocation(0).WithMessage(
            "Imbalance = 100 makes the largest training class 100 times the smallest, but only accuracy is reported, which mostly reflects the large classes; add [Metric(MacroF1)] or [Metric(BalancedAccuracy)]"));

    [Theory]
    [InlineData("[Metric(Accuracy)] [Metric(TopK)]", "Accuracy, TopK")]
    [InlineData("[Metric(WeightedF1)]", "WeightedF1")]
    [InlineData("[Metric(Loss)]", "Loss")]
    public Task Only_frequency_weighted_metrics_are_flagged(string metrics, string reported) => RecipeTest.VerifyAnalyzerAsync(
        Recipe("Data(Mnist, {|#0:Imbalance = 3|})", metrics),
        new DiagnosticResult(DiagnosticDescriptors.AccuracyOnImbalancedData).WithLocation(0).WithArguments("3", reported));

    [Theory]
    [InlineData("Data(FashionMnist, Imbalance = 100)", "[Metric(Accuracy)] [Metric(MacroF1)]")]
    [InlineData("Data(FashionMnist, Imbalance = 100)", "[Metric(BalancedAccuracy)]")]
    [InlineData("Data(FashionMnist, Imbalance = 2.9)", "[Metric(Accuracy)]")]
    [InlineData("Data(FashionMnist, Imbalance = 1)", "")]
    [InlineData("Data(FashionMnist)", "")]
    public Task Class_balanced_metrics_or_a_mild_imbalance_are_fine(string data, string metrics)
        => RecipeTest.VerifyAnalyzerAsync(Recipe(data, metrics));
}
