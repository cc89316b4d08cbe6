using Microsoft.CodeAnalysis.Testing;
using TrainDsl.Generators.Tests.Infrastructure;

namespace TrainDsl.Generators.Tests.Diagnostics;

/// <summary>TD0016 (a warmup as long as the run) and TD0017 (WarmupSteps without a per-step schedule).</summary>
public sealed class WarmupRuleTests
{
    private static string Recipe(string experiment, string schedule) => $$"""
        {{experiment}}
        [Data(FashionMnist)]
        [Model(SmallCnn)]
        [Optimizer(Sgd)]
        {{schedule}}
        [Metric(Accuracy, Primary = true)]
        public partial class E { }
        """;

    [Theory]
    [InlineData("[Experiment(Epochs = 10)]", "[Schedule(Cosine, {|#0:WarmupEpochs = 10|})]", "10", "10")]
    [InlineData("[Experiment(Epochs = 5)]", "[Schedule(Step, StepSize = 2, {|#0:WarmupEpochs = 8|})]", "8", "5")]
    [InlineData("[Experiment]", "[Schedule(Constant, {|#0:WarmupEpochs = 10|})]", "10", "10")]
    public Task A_warmup_of_the_whole_run_is_an_error(string experiment, string schedule, string warmup, string epochs)
        => RecipeTest.VerifyAnalyzerAsync(
            Recipe(experiment, schedule),
            new DiagnosticResult(DiagnosticDescriptors.WarmupTooLong).WithLocation(0).WithMessage(
                $"WarmupEpochs = {warmup} is not shorter than the {epochs} epochs of the run, so the rate never leaves the warmup; use fewer warmup epochs or train for more epochs"));

    [Fact]
    public Task WarmupSteps_with_a_per_epoch_schedule_is_an_error() => RecipeTest.VerifyAnalyzerAsync(
        Recipe("[Experiment]", "[Schedule(Cosine, {|#0:WarmupSteps = 500|})]"),
        new DiagnosticResult(DiagnosticDescriptors.WarmupStepsNeedPerStep).WithLocation(0).WithMessage(
            "WarmupSteps counts optimizer steps, but the schedule reads the rate once per epoch; set Interval = PerStep, or use WarmupEpochs"));

    [Fact]
    public Task WarmupSteps_before_Plateau_is_an_error() => RecipeTest.VerifyAnalyzerAsync(
        Recipe("[Experiment]", "[Schedule(Plateau, {|#0:WarmupSteps = 500|})]"),
        new DiagnosticResult(DiagnosticDescriptors.WarmupStepsNeedPerStep).WithLocation(0).WithArguments(
            "the Plateau schedule changes the rate once per epoch", "use WarmupEpochs"));

    [Theory]
    [InlineData("[Experiment(Epochs = 10)]", "[Schedule(Cosine, WarmupEpochs = 9)]")]
    [InlineData("[Experiment(Epochs = 10)]", "[Schedule(Cosine, Interval = PerStep, WarmupEpochs = 2)]")]
    [InlineData("[Experiment(Epochs = 10)]", "[Schedule(Cosine, Interval = PerStep, WarmupSteps = 100000)]")]
    [InlineData("[Experiment(Epochs = 10)]", "[Schedule(Plateau, WarmupEpochs = 3)]")]
    [InlineData("[Experiment(Epochs = 10)]", "[Schedule(Constant, WarmupEpochs = 2, WarmupStart = 0.01)]")]
    [InlineData("[Experiment(Epochs = 1)]", "[Schedule(Cosine, WarmupEpochs = 0)]")]
    public Task A_warmup_shorter_than_the_run_is_fine(string experiment, string schedule)
        => RecipeTest.VerifyAnalyzerAsync(Recipe(experiment, schedule));
}
