using Microsoft.CodeAnalysis.Testing;
using TrainDsl.Generators.Tests.Infrastructure;

namespace TrainDsl.Generators.Tests.Diagnostics;

/// <summary>TD0015: [NoBiasDecay] when no weight decay is applied at all.</summary>
public sealed class NoBiasDecayRuleTests
{
    private static string Recipe(string optimizer, string trick = "[NoBiasDecay]") => $$"""
        [Experiment]
        [Data(FashionMnist)]
        [Model(ResNet20)]
        {{optimizer}}
        {{trick}}
        public partial class E { }
        """;

    [Theory]
    [InlineData("[Optimizer(Sgd, WeightDecay = 0)]")]
    [InlineData("[Optimizer(AdamW, WeightDecay = 0)]")]
    public Task Zero_weight_decay_is_flagged_on_the_trick(string optimizer) => RecipeTest.VerifyAnalyzerAsync(
        Recipe(optimizer, "[{|#0:NoBiasDecay|}]"),
        new DiagnosticResult(DiagnosticDescriptors.NoBiasDecayWithoutWeightDecay).WithLocation(0).WithMessage(
            "[NoBiasDecay] has no effect with WeightDecay = 0, since no parameter is decayed; set WeightDecay > 0 or remove [NoBiasDecay]"));

    [Theory]
    [InlineData("[Optimizer(Sgd)]")]
    [InlineData("[Optimizer(AdamW)]")]
    [InlineData("[Optimizer(Sgd, WeightDecay = 1e-4)]")]
    public Task Any_weight_decay_is_fine(string optimizer) => RecipeTest.VerifyAnalyzerAsync(Recipe(optimizer));

    [Fact]
    public Task Zero_weight_decay_without_the_trick_is_fine() => RecipeTest.VerifyAnalyzerAsync(Recipe("[Optimizer(Sgd, WeightDecay = 0)]", ""));
}
