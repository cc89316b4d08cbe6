using Microsoft.CodeAnalysis.Testing;
using TrainDsl.Generators.Tests.Infrastructure;

namespace TrainDsl.Generators.Tests.Diagnostics;

/// <summary>TD0003: [Data], [Model] and [Optimizer] are required; the others have defaults.</summary>
public sealed class RequiredPartsRuleTests
{
    [Theory]
    [InlineData("Data", "Data(FashionMnist)")]
    [InlineData("Model", "Model(SmallCnn)")]
    [InlineData("Optimizer", "Optimizer(Sgd)")]
    public Task Each_missing_part_is_named_with_an_example(string missing, string example)
    {
        var parts = new[] { "[Data(FashionMnist)]", "[Model(SmallCnn)]", "[Optimizer(Sgd)]" }.Where(p => !p.StartsWith("[" + missing + "(", StringComparison.Ordinal));
        return RecipeTest.VerifyAnalyzerAsync("[Experiment]\n" + string.Join("\n", parts) + "\npublic partial class {|#0:E|} { }",
            new DiagnosticResult(DiagnosticDescriptors.RequiredPartMissing).WithLocation(0).WithMessage(
                $"Experiment 'E' has no [{missing}] attribute; add one, for example [{example}]"));
    }

    [Fact]
    public Task An_experiment_with_nothing_else_gets_three_diagnostics() => RecipeTest.VerifyAnalyzerAsync("""
        [Experiment]
        public partial class {|#0:E|} { }
        """,
        new DiagnosticResult(DiagnosticDescriptors.RequiredPartMissing).WithLocation(0).WithArguments("E", "Data", "Data(FashionMnist)"),
        new DiagnosticResult(DiagnosticDescriptors.RequiredPartMissing).WithLocation(0).WithArguments("E", "Model", "Model(SmallCnn)"),
        new DiagnosticResult(DiagnosticDescriptors.RequiredPartMissing).WithLocation(0).WithArguments("E", "Optimizer", "Optimizer(Sgd)"));

    [Fact]
    public Task Parts_may_be_spread_over_partial_declarations() => RecipeTest.VerifyAnalyzerAsync("""
        [Experiment]
        [Data(FashionMnist)]
        public partial class E { }

        [Model(SmallCnn)]
        [Optimizer(Sgd)]
        public partial class E { }
        """);

    [Fact]
    public Task A_class_without_Experiment_is_not_checked() => RecipeTest.VerifyAnalyzerAsync("""
        [Data(FashionMnist)]
        public class NotAnExperiment { }
        """);
}
