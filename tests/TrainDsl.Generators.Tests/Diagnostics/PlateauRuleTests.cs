using Microsoft.CodeAnalysis.Testing;
using TrainDsl.Generators.Tests.Infrastructure;

namespace TrainDsl.Generators.Tests.Diagnostics;

/// <summary>TD0018 (Plateau without a metric to watch) and TD0019 (Monitor names an undeclared metric).</summary>
public sealed class PlateauRuleTests
{
    private static string Recipe(string schedule, string metrics) => $$"""
        [Experiment]
        [Data(FashionMnist)]
        [Model(SmallCnn)]
        [Optimizer(Sgd)]
        {{schedule}}
        {{metrics}}
        public partial class E { }
        """;

    [Theory]
    [InlineData("")]
    [InlineData("[Metric(Accuracy)] [Metric(MacroF1)]")]
    public Task Plateau_without_Monitor_or_a_primary_metric_is_an_error(string metrics) => RecipeTest.VerifyAnalyzerAsync(
        Recipe("[Schedule({|#0:Plateau|}, Patience = 3)]", metrics),
        new DiagnosticResult(DiagnosticDescriptors.PlateauWithoutMetric).WithLocation(0).WithMessage(
            "[Schedule(Plateau)] lowers the rate when a metric stops improving, but none is named; set Monitor (for example Monitor = Loss) or mark a metric with [Metric(..., Primary = true)]"));

    [Theory]
    [InlineData("MacroF1", "[Metric(Accuracy)]")]
    [InlineData("TopK", "[Metric(Accuracy)]")]
    [InlineData("Accuracy", "[Metric(MacroF1)]")]
    public Task Monitoring_an_undeclared_metric_is_an_error(string monitor, string metrics) => RecipeTest.VerifyAnalyzerAsync(
        Recipe("[Schedule(Plateau, {|#0:Monitor = " + monitor + "|})]", metrics),
        new DiagnosticResult(DiagnosticDescriptors.MonitorNotDeclared).WithLocation(0).WithMessage(
            $"Monitor = {monitor} is not a declared metric, so the Plateau schedule has nothing to watch; add [Metric({monitor})] or monitor a declared metric (Loss is always available)"));

    [Theory]
    [InlineData("[Schedule(Plateau, Monitor = Loss)]", "")]
    [InlineData("[Schedule(Plateau, Monitor = Loss)]", "[Metric(MacroF1)]")]
    [InlineData("[Schedule(Plateau, Monitor = Accuracy)]", "")] // accuracy is the default metric
    [InlineData("[Schedule(Plateau, Monitor = TopK)]", "[Metric(TopK, K = 3)]")]
    [InlineData("[Schedule(Plateau)]", "[Metric(Accuracy)] [Metric(MacroF1, Primary = true)]")]
    [InlineData("[Schedule(Plateau)]", "[Metric(Loss, Primary = true)]")]
    [InlineData("[Schedule(Cosine)]", "")]
    public Task A_watched_metric_that_is_computed_is_fine(string schedule, string metrics)
        => RecipeTest.VerifyAnalyzerAsync(Recipe(schedule, metrics));
}
