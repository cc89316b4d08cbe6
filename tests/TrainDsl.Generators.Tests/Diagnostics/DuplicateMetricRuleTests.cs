using Microsoft.CodeAnalysis.Testing;
using TrainDsl.Generators.Tests.Infrastructure;

namespace TrainDsl.Generators.Tests.Diagnostics;

/// <summary>TD0012: a metric declared twice.</summary>
public sealed class DuplicateMetricRuleTests
{
    [Fact]
    public Task The_second_declaration_is_flagged() => RecipeTest.VerifyAnalyzerAsync("""
        [Experiment]
        [Data(FashionMnist)]
        [Model(SmallCnn)]
        [Optimizer(Sgd)]
        [Metric(TopK)]
        [Metric(Accuracy)]
        [{|#0:Metric(TopK, K = 5)|}]
        public partial class E { }
        """,
        new DiagnosticResult(DiagnosticDescriptors.DuplicateMetric).WithLocation(0).WithMessage(
            "[Metric(TopK, K = 5)] is declared more than once and is reported only once; remove the duplicate"));

    [Fact]
    public Task Different_k_are_different_metrics() => RecipeTest.VerifyAnalyzerAsync("""
        [Experiment]
        [Data(FashionMnist)]
        [Model(SmallCnn)]
        [Optimizer(Sgd)]
        [Metric(TopK, K = 3)]
        [Metric(TopK, K = 5)]
        [Metric(Accuracy)]
        public partial class E { }
        """);
}
