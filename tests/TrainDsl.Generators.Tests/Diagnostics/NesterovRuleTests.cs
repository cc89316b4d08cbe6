using Microsoft.CodeAnalysis.Testing;
using TrainDsl.Generators.Tests.Infrastructure;

namespace TrainDsl.Generators.Tests.Diagnostics;

/// <summary>TD0010: PyTorch's SGD rejects nesterov=True with momentum=0.</summary>
public sealed class NesterovRuleTests
{
    private static string Recipe(string optimizer) => $$"""
        [Experiment]
        [Data(FashionMnist)]
        [Model(SmallCnn)]
        {{optimizer}}
        public partial class E { }
        """;

    [Fact]
    public Task Nesterov_with_zero_momentum_is_an_error_on_Nesterov() => RecipeTest.VerifyAnalyzerAsync(
        Recipe("[Optimizer(Sgd, Momentum = 0, {|#0:Nesterov = true|})]"),
        new DiagnosticResult(DiagnosticDescriptors.NesterovWithoutMomentum).WithLocation(0).WithMessage(
            "Nesterov = true needs Momentum > 0 (PyTorch rejects Nesterov with zero momentum); raise Momentum or remove Nesterov"));

    [Theory]
    [InlineData("[Optimizer(Sgd, Nesterov = true)]")] // default momentum 0.9
    [InlineData("[Optimizer(Sgd, Momentum = 0, Nesterov = false)]")]
    [InlineData("[Optimizer(Sgd, Momentum = 0)]")]
    public Task Nesterov_with_momentum_or_without_Nesterov_is_fine(string optimizer) => RecipeTest.VerifyAnalyzerAsync(Recipe(optimizer));

    [Fact]
    public Task On_AdamW_Nesterov_is_only_ignored() => RecipeTest.VerifyAnalyzerAsync(
        Recipe("[Optimizer(AdamW, {|TD0009:Momentum = 0|}, {|TD0009:Nesterov = true|})]"));
}
