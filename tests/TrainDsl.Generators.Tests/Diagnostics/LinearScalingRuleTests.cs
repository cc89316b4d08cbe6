using Microsoft.CodeAnalysis.Testing;
using TrainDsl.Generators.Tests.Infrastructure;

namespace TrainDsl.Generators.Tests.Diagnostics;

/// <summary>TD0001: an explicit SGD learning rate that differs from 0.1 × batch / 256 (Goyal et al. 2017).</summary>
public sealed class LinearScalingRuleTests
{
    [Fact]
    public Task Rate_that_differs_from_the_rule_at_the_declared_batch_size_is_flagged() => RecipeTest.VerifyAnalyzerAsync("""
        [Experiment(BatchSize = 512)]
        [Data(FashionMnist)]
        [Model(SmallCnn)]
        [Optimizer(Sgd, {|#0:LearningRate = 0.1|})]
        public partial class E { }
        """,
        new DiagnosticResult(DiagnosticDescriptors.LinearScalingRule).WithLocation(0).WithMessage(
            "LearningRate 0.1 differs from the linear scaling rule 0.1 × 512 / 256 = 0.2 for batch size 512; set it to 0.2 or remove it so the rule supplies it"));

    [Fact]
    public Task With_gradient_accumulation_the_rule_scales_with_the_effective_batch() => RecipeTest.VerifyAnalyzerAsync("""
        [Experiment(BatchSize = 128)]
        [Data(FashionMnist)]
        [Model(SmallCnn)]
        [Optimizer(Sgd, {|#0:LearningRate = 0.05|})]
        [GradientAccumulation(Steps = 4)]
        public partial class E { }
        """,
        new DiagnosticResult(DiagnosticDescriptors.LinearScalingRule).WithLocation(0).WithMessage(
            "LearningRate 0.05 differs from the linear scaling rule 0.1 × 128 × 4 / 256 = 0.2 for batch size 128 × 4; set it to 0.2 or remove it so the rule supplies it"));

    [Fact]
    public Task Without_a_batch_size_the_rule_uses_the_default_128() => RecipeTest.VerifyAnalyzerAsync("""
        [Experiment]
        [Data(FashionMnist)]
        [Model(SmallCnn)]
        [Optimizer(Sgd, {|#0:LearningRate = 0.1|})]
        public partial class E { }
        """,
        new DiagnosticResult(DiagnosticDescriptors.LinearScalingRule).WithLocation(0).WithArguments("0.1", "128", "0.05"));

    [Theory]
    [InlineData("[Experiment(BatchSize = 512)]", "[Optimizer(Sgd, LearningRate = 0.2)]")]
    [InlineData("[Experiment]", "[Optimizer(Sgd, LearningRate = 0.05)]")]
    [InlineData("[Experiment(BatchSize = 256)]", "[Optimizer(Sgd, LearningRate = 0.1000000001)]")] // within 1e-6 relative
    [InlineData("[Experiment(BatchSize = 96)]", "[Optimizer(Sgd, LearningRate = 0.1 * 96 / 256)]")]
    [InlineData("[Experiment(BatchSize = 512)]", "[Optimizer(Sgd)]")] // omitted: the rule supplies it
    [InlineData("[Experiment(BatchSize = 512)]", "[Optimizer(AdamW, LearningRate = 0.1)]")] // not SGD
    [InlineData("[Experiment(BatchSize = 64)] [GradientAccumulation(Steps = 8)]", "[Optimizer(Sgd, LearningRate = 0.2)]")] // 0.1 × 512 / 256
    public Task Rates_that_follow_the_rule_or_are_not_SGD_are_not_flagged(string experiment, string optimizer) => RecipeTest.VerifyAnalyzerAsync($$"""
        {{experiment}}
        [Data(FashionMnist)]
        [Model(SmallCnn)]
        {{optimizer}}
        public partial class E { }
        """);

    /// <summary>
    /// The rule's value is the double nearest 0.1 × B / 256, written as the exact decimal: at 96, 192 and 384 the
    /// two-step 0.1 * B / 256 rounds twice and lands one ulp off, which the generator once used while the rule did not.
    /// </summary>
    [Theory]
    [InlineData(96, "0.0375")]
    [InlineData(192, "0.075")]
    [InlineData(384, "0.15")]
    public Task The_expected_rate_is_the_exact_quotient(int batchSize, string exact) => RecipeTest.VerifyAnalyzerAsync($$"""
        [Experiment(BatchSize = {{batchSize}})]
        [Data(FashionMnist)]
        [Model(SmallCnn)]
        [Optimizer(Sgd, {|#0:LearningRate = 1|})]
        public partial class E { }
        """,
        new DiagnosticResult(DiagnosticDescriptors.LinearScalingRule).WithLocation(0).WithArguments("1", batchSize.ToString(), exact));

    [Fact]
    public Task An_out_of_range_rate_gets_TD0004_only() => RecipeTest.VerifyAnalyzerAsync("""
        [Experiment]
        [Data(FashionMnist)]
        [Model(SmallCnn)]
        [Optimizer(Sgd, {|TD0004:LearningRate = -1|})]
        public partial class E { }
        """);
}
