using TrainDsl.CodeFixes;
using TrainDsl.Generators.Tests.Infrastructure;

namespace TrainDsl.Generators.Tests;

/// <summary>The TD0001 code fixes: set the rule's value, or remove the learning rate.</summary>
public sealed class LinearScalingRuleCodeFixTests
{
    private static string Recipe(string experiment, string optimizer) => $$"""
        {{experiment}}
        [Data(FashionMnist)]
        [Model(SmallCnn)]
        {{optimizer}}
        public partial class E { }
        """;

    [Fact]
    public Task Set_replaces_the_value_with_the_rule_at_the_declared_batch_size() => RecipeTest.VerifyCodeFixAsync(
        Recipe("[Experiment(BatchSize = 512)]", "[Optimizer(Sgd, {|TD0001:LearningRate = 0.1|}, Momentum = 0.9)]"),
        Recipe("[Experiment(BatchSize = 512)]", "[Optimizer(Sgd, LearningRate = 0.2, Momentum = 0.9)]"),
        LinearScalingRuleCodeFix.SetEquivalenceKey,
        title: "Set LearningRate to 0.1 × 512 / 256 = 0.2");

    [Fact]
    public Task Set_uses_the_effective_batch_of_gradient_accumulation() => RecipeTest.VerifyCodeFixAsync(
        Recipe("[Experiment(BatchSize = 128)] [GradientAccumulation(Steps = 4)]", "[Optimizer(Sgd, {|TD0001:LearningRate = 0.05|})]"),
        Recipe("[Experiment(BatchSize = 128)] [GradientAccumulation(Steps = 4)]", "[Optimizer(Sgd, LearningRate = 0.2)]"),
        LinearScalingRuleCodeFix.SetEquivalenceKey,
        title: "Set LearningRate to 0.1 × 128 × 4 / 256 = 0.2");

    [Theory]
    [InlineData("[Experiment]", "0.05")] // default batch 128
    [InlineData("[Experiment(BatchSize = 100)]", "0.0390625")]
    [InlineData("[Experiment(BatchSize = 96)]", "0.0375")]
    [InlineData("[Experiment(BatchSize = 1)]", "0.000390625")]
    [InlineData("[Experiment(BatchSize = 4096)]", "1.6")]
    public Task Set_writes_the_shortest_literal(string experiment, string literal) => RecipeTest.VerifyCodeFixAsync(
        Recipe(experiment, "[Optimizer(Sgd, {|TD0001:LearningRate = 0.3|})]"),
        Recipe(experiment, $"[Optimizer(Sgd, LearningRate = {literal})]"),
        LinearScalingRuleCodeFix.SetEquivalenceKey);

    [Fact]
    public Task Remove_drops_the_argument_and_its_comma() => RecipeTest.VerifyCodeFixAsync(
        Recipe("[Experiment(BatchSize = 512)]", "[Optimizer(Sgd, {|TD0001:LearningRate = 0.1|}, Momentum = 0.9)]"),
        Recipe("[Experiment(BatchSize = 512)]", "[Optimizer(Sgd, Momentum = 0.9)]"),
        LinearScalingRuleCodeFix.RemoveEquivalenceKey,
        title: "Remove LearningRate (the rule supplies it)");

    [Fact]
    public Task Remove_of_the_last_argument_leaves_the_optimizer() => RecipeTest.VerifyCodeFixAsync(
        Recipe("[Experiment]", "[Optimizer(Sgd, Nesterov = true, {|TD0001:LearningRate = 0.1|})]"),
        Recipe("[Experiment]", "[Optimizer(Sgd, Nesterov = true)]"),
        LinearScalingRuleCodeFix.RemoveEquivalenceKey);

    [Fact]
    public Task Fix_all_sets_every_flagged_rate_in_the_document() => RecipeTest.VerifyCodeFixAsync(
        Recipe("[Experiment(BatchSize = 256)]", "[Optimizer(Sgd, {|TD0001:LearningRate = 0.4|})]") + "\n"
            + Recipe("[Experiment(BatchSize = 64)]", "[Optimizer(Sgd, {|TD0001:LearningRate = 0.4|})]").Replace("class E", "class F"),
        Recipe("[Experiment(BatchSize = 256)]", "[Optimizer(Sgd, LearningRate = 0.1)]") + "\n"
            + Recipe("[Experiment(BatchSize = 64)]", "[Optimizer(Sgd, LearningRate = 0.025)]").Replace("class E", "class F"),
        LinearScalingRuleCodeFix.SetEquivalenceKey,
        incrementalIterations: 2);
}
