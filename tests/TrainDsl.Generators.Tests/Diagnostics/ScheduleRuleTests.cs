using Microsoft.CodeAnalysis.Testing;
using TrainDsl.Generators.Tests.Infrastructure;

namespace TrainDsl.Generators.Tests.Diagnostics;

/// <summary>TD0006 (a per-epoch decay that never happens) and TD0007 (MultiStep without milestones).</summary>
public sealed class ScheduleRuleTests
{
    private static string Recipe(string experiment, string schedule) => $$"""
        {{experiment}}
        [Data(FashionMnist)]
        [Model(SmallCnn)]
        [Optimizer(Sgd)]
        {{schedule}}
        public partial class E { }
        """;

    [Fact]
    public Task A_milestone_at_or_beyond_the_last_epoch_is_flagged() => RecipeTest.VerifyAnalyzerAsync(
        Recipe("[Experiment(Epochs = 10)]", "[Schedule(MultiStep, {|#0:Milestones = new[] { 5, 10, 12 }|})]"),
        new DiagnosticResult(DiagnosticDescriptors.DecayNeverHappens).WithLocation(0).WithMessage(
            "Milestone 10 is not below the 10 epochs of the run, so that decay never happens; use a value below 10 or train for more epochs"),
        new DiagnosticResult(DiagnosticDescriptors.DecayNeverHappens).WithLocation(0).WithArguments("Milestone", "12", "10"));

    [Fact]
    public Task A_step_size_of_at_least_the_epochs_is_flagged() => RecipeTest.VerifyAnalyzerAsync(
        Recipe("[Experiment(Epochs = 6)]", "[Schedule(Step, {|#0:StepSize = 6|})]"),
        new DiagnosticResult(DiagnosticDescriptors.DecayNeverHappens).WithLocation(0).WithArguments("StepSize", "6", "6"));

    [Fact]
    public Task The_default_step_size_30_with_the_default_10_epochs_is_flagged_on_the_schedule() => RecipeTest.VerifyAnalyzerAsync(
        Recipe("[Experiment]", "[Schedule({|#0:Step|})]"),
        new DiagnosticResult(DiagnosticDescriptors.DecayNeverHappens).WithLocation(0).WithArguments("StepSize", "30", "10"));

    [Theory]
    [InlineData("[Experiment(Epochs = 10)]", "[Schedule(MultiStep, Milestones = new[] { 3, 9 })]")]
    [InlineData("[Experiment(Epochs = 10)]", "[Schedule(Step, StepSize = 9)]")]
    [InlineData("[Experiment(Epochs = 90)]", "[Schedule(Step)]")]
    [InlineData("[Experiment(Epochs = 10)]", "[Schedule(MultiStep, Milestones = new[] { 2000 }, Interval = PerStep)]")] // steps: not checked
    [InlineData("[Experiment(Epochs = 10)]", "[Schedule(Step, StepSize = 500, Interval = PerStep)]")]
    public Task Decays_within_the_run_or_per_step_are_not_flagged(string experiment, string schedule)
        => RecipeTest.VerifyAnalyzerAsync(Recipe(experiment, schedule));

    [Fact]
    public Task MultiStep_without_milestones_is_an_error() => RecipeTest.VerifyAnalyzerAsync(
        Recipe("[Experiment]", "[Schedule({|#0:MultiStep|})]"),
        new DiagnosticResult(DiagnosticDescriptors.MilestonesMissing).WithLocation(0).WithMessage(
            "The MultiStep schedule has no Milestones, so the learning rate would never decay; add Milestones, for example Milestones = new[] { 30, 60, 80 }"));

    [Fact]
    public Task MultiStep_with_empty_milestones_is_an_error_on_them() => RecipeTest.VerifyAnalyzerAsync(
        Recipe("[Experiment]", "[Schedule(MultiStep, {|TD0007:Milestones = new int[0]|})]"));

    [Fact]
    public Task MultiStep_with_milestones_is_fine() => RecipeTest.VerifyAnalyzerAsync(
        Recipe("[Experiment(Epochs = 90)]", "[Schedule(MultiStep, Milestones = new[] { 30, 60, 80 })]"));
}
